// Reading only the wanted lines of a month's history file. A month of a busy
// case is ~1 500 lines; a diff report wants a handful around each point in
// time, so parsing every line (as `forEachLine` does) is most of its cost.
// Each line's time is found by a string search, without a parse: perflab
// writes `"at":"<UTC ISO>"` into every line, and the sequence `"at":"`
// cannot occur inside a JSON string (its quotes would be escaped). A line
// where it is not found is parsed to learn its time. Lines are parsed only
// when they are in range and among those kept; lines never parsed are not
// checked (a full read still checks every one).
import { readFileSync } from 'node:fs';
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

/** The accepted records of a JSON-lines file, oldest first (by `at`); [] when there is none. A torn last line is dropped. */
export function pickHistoryLines(file: string, pick: LinePick): unknown[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
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
