// Reading only the wanted lines of a month's history file. A month of a busy
// case is ~1 500 lines; a diff report wants a handful around each point in
// time, so parsing every line (as `forEachLine` does) is most of its cost.
// Each line's time is found by a string search, without a parse: perflab
// writes `"at":"<UTC ISO>"` into every line, and the sequence `"at":"`
// cannot occur inside a JSON string (its quotes would be escaped). A line
// where it is not found is parsed to learn its time. Lines are parsed only
// when they are in range and among those kept; lines never parsed are not
// checked (a full read still checks every one).
//
// A month of a busy case is ~360 KB, and reading it whole costs more than
// the rest of a report together, so a read of the newest (or oldest) few
// lines on one side of an instant finds that instant by a binary search
// over byte offsets and reads only the lines next to it. That relies on the
// layout: a line's time is the recording process's clock when it recorded
// the result, under the store's lock, so lines are appended in time order.
// Where the lines read are not (a clock stepped back), or a line is not as
// perflab writes it, the whole file is scanned instead. A line far from its
// time's place elsewhere in the file is not noticed.
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { ifExists } from './if-exists.js';
import { corruptStoreFile } from './store-file.js';

export interface LinePick {
  /** Inclusive bounds on the line's `at` (UTC ISO, compared as strings). */
  since?: string;
  until?: string;
  /** Keep at most this many accepted lines: the newest, or the oldest with `oldest`. */
  take: number;
  oldest: boolean;
  /** Whether a parsed record is wanted (e.g. its machine); false skips it without counting it. */
  accept: (record: unknown, index: number) => boolean;
}

const AT = '"at":"';
const AT_BYTES = Buffer.from(AT);

/** Files smaller than this are read whole. */
const SEEK_ABOVE = 8 * 1024;

const PROBE = 2048; // bytes: more than a history line, which is ~250

/**
 * Month files open for the picks of one burst of reads (a report reads up to
 * 9 stretches of a case, most of them in one or two months): each file is
 * opened and its end found once, and each search starts from what earlier
 * searches in it learnt. Synchronous picks only; `close` when the burst ends.
 */
export class OpenLinesFiles {
  readonly #files = new Map<string, LinesFile | null>();

  /** The file open, or null when it does not exist. */
  get(file: string): LinesFile | null {
    let open = this.#files.get(file);
    if (open === undefined) {
      open = LinesFile.open(file);
      this.#files.set(file, open);
    }
    return open;
  }

  get size(): number {
    return this.#files.size;
  }

  close(): void {
    for (const open of this.#files.values()) open?.close();
    this.#files.clear();
  }
}

/** A line whose time a search read: it starts at `start`, the next at `next`. */
interface Probe {
  start: number;
  at: string;
  next: number;
}

/** One open month file as a pick sees it: its size when opened, and the lines searches found in it. */
class LinesFile {
  readonly probes: Probe[] = [];
  #end: number | null | undefined;

  private constructor(
    readonly fd: number,
    readonly size: number,
  ) {}

  static open(file: string): LinesFile | null {
    const fd = ifExists(() => openSync(file, 'r'));
    if (fd === undefined) return null;
    try {
      return new LinesFile(fd, fstatSync(fd).size);
    } catch (error) {
      closeSync(fd);
      throw error;
    }
  }

  /** Where the whole lines end (bytes before it are whole lines); null when the last 2 KB hold no line end. */
  get end(): number | null {
    if (this.#end === undefined) {
      const tail = readAt(this.fd, Math.max(0, this.size - PROBE), PROBE);
      const end = this.size - tail.length + tail.lastIndexOf(0x0a) + 1;
      this.#end = end <= 0 || end === this.size - tail.length ? null : end;
    }
    return this.#end;
  }

  close(): void {
    closeSync(this.fd);
  }
}

/**
 * The accepted records of a JSON-lines file, oldest first (by `at`); [] when
 * there is none. A torn last line is dropped. With `files`, the file is
 * taken from (and left open in) them.
 */
export function pickHistoryLines(file: string, pick: LinePick, files?: OpenLinesFiles): unknown[] {
  const oneSided = pick.take !== Infinity && (pick.oldest ? pick.until === undefined : pick.since === undefined);
  if (!oneSided) return scanLines(file, pick);
  const open = files ? files.get(file) : LinesFile.open(file);
  if (open === null) return [];
  try {
    return (open.size > SEEK_ABOVE && seekLines(open, file, pick)) || scanLines(file, pick);
  } finally {
    if (!files) open.close();
  }
}

/** Below this many bytes between its bounds, the search reads them at once. */
const NARROW = 4 * 1024;

/** The time of the line starting at `start` in `bytes` (null when not found before its end) and the index of its newline (-1: none). */
function lineTime(bytes: Buffer, start: number): { at: string | null; end: number } {
  const end = bytes.indexOf(0x0a, start);
  const key = bytes.indexOf(AT_BYTES, start);
  if (key < 0 || (end >= 0 && key > end)) return { at: null, end };
  const to = bytes.indexOf(0x22, key + AT_BYTES.length);
  return { at: to > 0 && (end < 0 || to < end) ? bytes.toString('latin1', key + AT_BYTES.length, to) : null, end };
}

/** Reads `length` bytes at `position` (fewer at the end of the file). */
function readAt(fd: number, position: number, length: number): Buffer {
  const buffer = Buffer.allocUnsafe(length);
  return buffer.subarray(0, readSync(fd, buffer, 0, length, position));
}

/**
 * The picked records found by seeking, or null when the file is not as this
 * relies on (a line without a time where expected, lines out of order near
 * the instant): the caller then scans it whole.
 */
function seekLines(open: LinesFile, file: string, pick: LinePick): unknown[] | null {
  const { fd, end, probes } = open;
  if (end === null) return null;
  const probe = Buffer.allocUnsafe(PROBE);
  /**
   * The first line starting at or after `position`: its start, its time (null
   * when not found in one probe) and the next line's start (-1: beyond the
   * probe). One read, and no string but the time.
   */
  const lineFrom = (position: number): { start: number; at: string | null; next: number } => {
    const from = Math.max(0, position - 1);
    const bytes = probe.subarray(0, readSync(fd, probe, 0, PROBE, from));
    const newline = position === 0 ? -1 : bytes.indexOf(0x0a);
    if (position > 0 && newline < 0) return { start: Math.min(end, from + bytes.length), at: null, next: end };
    const start = from + newline + 1;
    if (start >= end) return { start: end, at: null, next: end };
    const line = lineTime(bytes, newline + 1);
    return { start, at: line.at, next: line.end < 0 ? -1 : from + line.end + 1 };
  };
  // The boundary: the first line on the far side of the instant (after `until`, or at or after `since`).
  const near = pick.oldest ? (at: string) => pick.since === undefined || at < pick.since : (at: string) => pick.until === undefined || at <= pick.until;
  let lo = 0;
  let hi = end;
  if (pick.oldest ? pick.since === undefined : pick.until === undefined) lo = hi = pick.oldest ? 0 : end;
  else {
    // Start from what earlier searches in this file found: the boundary lies between their lines.
    for (const known of probes) {
      if (near(known.at)) lo = Math.max(lo, known.next);
      else hi = Math.min(hi, known.start);
    }
    if (lo > hi) return null; // lines out of time order
  }
  while (hi - lo > NARROW) {
    let line = lineFrom(lo + Math.floor((hi - lo) / 2));
    if (line.start >= hi) line = lineFrom(lo);
    if (line.at === null || line.next < 0) return null;
    probes.push({ start: line.start, at: line.at, next: line.next });
    if (near(line.at)) lo = line.next;
    else hi = line.start;
  }
  // The last few KB in one read: step line by line to the boundary.
  if (lo < hi) {
    const bytes = readAt(fd, lo, hi - lo); // whole lines: `hi` is a line start or `end`
    let offset = 0;
    while (offset < bytes.length) {
      const line = lineTime(bytes, offset);
      if (line.at === null || line.end < 0) return null;
      // The lines on both sides of the boundary, for the next search in this file.
      if (line.end + 1 === bytes.length || !near(line.at)) probes.push({ start: lo + offset, at: line.at, next: lo + line.end + 1 });
      if (!near(line.at)) break;
      offset = line.end + 1;
    }
    lo += offset;
  }
  // Read outwards from the boundary until enough lines are accepted.
  for (let span = pick.take * 320 + 512; ; span *= 4) {
    const from = pick.oldest ? lo : Math.max(0, lo - span);
    const to = pick.oldest ? Math.min(end, lo + span) : lo;
    const text = readAt(fd, from, to - from).toString('utf8');
    let lines = text.split('\n');
    if (pick.oldest) lines = to < end ? lines.slice(0, -1) : lines.filter((line) => line !== '');
    else lines = (from > 0 ? lines.slice(1) : lines).filter((line) => line !== '');
    const ats = lines.map((line) => {
      const key = line.indexOf(AT);
      return key < 0 ? null : line.slice(key + AT.length, line.indexOf('"', key + AT.length));
    });
    if (ats.some((at, i) => at === null || (i > 0 && (ats[i - 1] as string) > at))) return null;
    // The lines next to the boundary must lie on their side of it (they do in a file in time order).
    const edge = pick.oldest ? ats[0] : ats.at(-1);
    if (edge != null && near(edge) === pick.oldest) return null;
    const picked: unknown[] = [];
    for (let k = 0; k < lines.length && picked.length < pick.take; k++) {
      const i = pick.oldest ? k : lines.length - 1 - k;
      const at = ats[i] as string;
      if (!(pick.oldest ? pick.until === undefined || at <= pick.until : pick.since === undefined || at >= pick.since)) continue;
      let record: unknown;
      try {
        record = JSON.parse(lines[i] as string) as unknown;
      } catch {
        return null; // the scan names the line
      }
      if (pick.accept(record, -1)) picked.push(record);
    }
    const whole = pick.oldest ? to >= end : from === 0;
    if (picked.length >= pick.take || whole) return pick.oldest ? picked : picked.reverse();
  }
}

/** Every line's time, then the picked lines parsed. */
function scanLines(file: string, pick: LinePick): unknown[] {
  const text = ifExists(() => readFileSync(file, 'utf8'));
  if (text === undefined) return [];
  const lines: { start: number; end: number; at: string; index: number }[] = [];
  const whole = text.lastIndexOf('\n') + 1; // text before this is whole lines
  for (let start = 0, index = 0; start < whole; index++) {
    const end = text.indexOf('\n', start);
    if (end > start) {
      const at = lineAt(text, start, end, file, index);
      if ((pick.since === undefined || at >= pick.since) && (pick.until === undefined || at <= pick.until)) lines.push({ start, end, at, index });
    }
    start = end + 1;
  }
  // Appended in recording order, which is time order nearly always: sort only when it is not.
  if (lines.some((line, i) => i > 0 && (lines[i - 1] as { at: string }).at > line.at)) lines.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.index - b.index));
  const picked: unknown[] = [];
  for (let k = 0; k < lines.length && picked.length < pick.take; k++) {
    const line = lines[pick.oldest ? k : lines.length - 1 - k] as (typeof lines)[number];
    const record = parseLine(text, line.start, line.end, file, line.index);
    if (pick.accept(record, line.index)) picked.push(record);
  }
  return pick.oldest ? picked : picked.reverse();
}

function lineAt(text: string, start: number, end: number, file: string, index: number): string {
  const key = text.indexOf(AT, start);
  if (key >= 0 && key < end) {
    const from = key + AT.length;
    const to = text.indexOf('"', from);
    if (to > from && to < end) return text.slice(from, to);
  }
  const record = parseLine(text, start, end, file, index) as { at?: unknown } | null;
  if (typeof record?.at !== 'string') throw corruptStoreFile(file, `record ${index + 1} has no time ("at")`);
  return record.at;
}

function parseLine(text: string, start: number, end: number, file: string, index: number): unknown {
  try {
    return JSON.parse(text.slice(start, end)) as unknown;
  } catch {
    throw corruptStoreFile(file, `line ${index + 1} is not JSON`);
  }
}
