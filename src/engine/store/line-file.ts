// JSON-lines files: the store's append-only logs (runs, audit events, case
// history, the archives of closed alerts and replaced baselines). One record
// per line, so adding a record writes that line, not the whole file: steno
// (temp file + rename) can only replace a whole file, which is what made
// recording a run cost the size of a month.
//
// A process killed in the middle of an append can leave its last line cut
// short. Reading drops such a torn last line (it was never reported as
// written); before a process first appends to a file it cuts that tail off, so
// a new line never continues a torn one. Any other line that does not parse is
// damage, reported as StoreCorrupt naming the file and the line.
//
// Appends are plain write(2)s with O_APPEND. Like steno's writes they survive
// the death of the process (the kernel has the data once write returns); they
// are not fsynced, except where a log must reach the disk before the change
// it records (`durable`, for the audit log): an fsync costs ~0.5–5 ms here,
// and a run appends to one history file per case.
import { closeSync, fdatasyncSync, fstatSync, ftruncateSync, mkdirSync, openSync, readSync, writeSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { TextFile } from 'lowdb/node';
import { ErrorCode, PerflabError } from '../errors.js';
import { ifExists } from './if-exists.js';

/** Each record of a JSON-lines file, in file order, and its index; false when the file does not exist. See `readLines`. */
export function forEachLine(file: string, visit: (record: unknown, index: number) => void): boolean {
  const framed = readFramed(file);
  if (framed === null) return false;
  visitLines(framed, file, visit);
  return true;
}

/**
 * The file's bytes after one spare byte (see `visitLines`); null when it does
 * not exist. A Buffer lives outside V8's heap, so reading into one leaves the
 * young generation to the records.
 */
function readFramed(file: string): Buffer | null {
  const fd = ifExists(() => openSync(file, 'r'));
  if (fd === undefined) return null;
  try {
    // One byte more than the file, so that the read that finds its end needs no larger buffer.
    let framed = Buffer.allocUnsafe(fstatSync(fd).size + 2);
    framed[0] = OPEN; // never a newline
    let length = 1;
    for (;;) {
      if (length === framed.length) framed = Buffer.concat([framed, Buffer.allocUnsafe(framed.length)]); // it grew since fstat
      const read = readSync(fd, framed, length, framed.length - length, null);
      if (read === 0) break;
      length += read;
    }
    return framed.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}

/**
 * The records of a JSON-lines file, in file order; null when the file does not
 * exist. Read synchronously, like the appends: the parse that follows blocks
 * the event loop anyway (~2 ms for a month of one case), while an async read
 * is four trips through libuv's threads, which took 13–48 ms for one 330 KB
 * month on this busy 2-core machine (a synchronous read: well under 1 ms).
 */
export function readLines(file: string): unknown[] | null {
  const records: unknown[] = [];
  return forEachLine(file, (record) => void records.push(record)) ? records : null;
}

/** Parses JSON lines, dropping a torn last line; throws StoreCorrupt for any other line that does not parse. */
export function parseLines(content: Buffer | string, file: string): unknown[] {
  const records: unknown[] = [];
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  const framed = Buffer.allocUnsafe(bytes.length + 1);
  framed[0] = OPEN;
  bytes.copy(framed, 1);
  visitLines(framed, file, (record) => void records.push(record));
  return records;
}

/**
 * About this many bytes of whole lines are made into one string and parsed at
 * once. One string per file cost twice the parse itself: V8 puts a string of
 * more than ~128 KB in its large-object space. One parse per line costs a
 * call per line. A year of one case (12 × 330 KB): 53 ms whole, 21 ms in
 * 16 KB pieces (CPU time, measured here). Records go to a visitor rather than
 * into arrays: fewer short-lived arrays, fewer young-generation collections,
 * each of which copies everything read so far.
 */
const PARSE_CHUNK = 16_384;

const NEWLINE = 0x0a;
const COMMA = 0x2c;
const OPEN = 0x5b; // [
const CLOSE = 0x5d; // ]

/**
 * `framed` is a spare byte, then the file. Each piece of whole lines is made
 * a JSON array in place, in the bytes (its newlines become commas, the byte
 * before it `[` and its last newline `]`), and decoded once: the only string
 * on V8's heap per piece is the one JSON.parse reads. Building the array as a
 * string (`[` + text with commas + `]`) made three, and each young-generation
 * collection they trigger copies every record read so far.
 */
function visitLines(framed: Buffer, file: string, visit: (record: unknown, index: number) => void): void {
  const end = framed.lastIndexOf(NEWLINE) + 1; // bytes before `end` are whole lines (0: none)
  let index = 0;
  let lines = 0; // before `start`
  for (let start = 1; start < end; ) {
    // A newline never occurs inside a multi-byte UTF-8 character, so cutting there is safe.
    const stop = framed.indexOf(NEWLINE, Math.min(end - 1, start + PARSE_CHUNK));
    const commas: number[] = [];
    for (let at = framed.indexOf(NEWLINE, start); at >= 0 && at < stop; at = framed.indexOf(NEWLINE, at + 1)) {
      framed[at] = COMMA;
      commas.push(at);
    }
    framed[start - 1] = OPEN;
    framed[stop] = CLOSE;
    let parsed: unknown[];
    try {
      parsed = JSON.parse(framed.toString('utf8', start - 1, stop + 1)) as unknown[];
    } catch {
      for (const at of commas) framed[at] = NEWLINE;
      parsed = parseEachLine(framed.toString('utf8', start, stop), file, lines);
    }
    for (const record of parsed) visit(record, index++);
    lines += commas.length + 1;
    start = stop + 1;
  }
  const last = completeTail(framed.toString('utf8', Math.max(1, end)));
  if (last !== undefined) visit(last, index);
}

/** The slow path: names the first line that does not parse. Blank lines (a hand edit) are skipped. */
function parseEachLine(text: string, file: string, linesBefore: number): unknown[] {
  const records: unknown[] = [];
  for (const [index, line] of text.split('\n').entries()) {
    if (line.trim() === '') continue;
    try {
      records.push(JSON.parse(line));
    } catch (error) {
      throw new PerflabError(
        ErrorCode.StoreCorrupt,
        `line ${linesBefore + index + 1} is not valid JSON (${(error as Error).message}); perflab only ever leaves a cut-short last line, so this file was edited or damaged: fix or restore it`,
        { file, cause: error },
      );
    }
  }
  return records;
}

/**
 * Text after the last newline: a record whose newline never got written (it
 * parses: no strict prefix of a JSON object does), or a torn line (undefined).
 */
function completeTail(tail: string): unknown {
  if (tail.trim() === '') return undefined;
  try {
    return JSON.parse(tail);
  } catch {
    return undefined;
  }
}

/** Rewrites a JSON-lines file whole, atomically (steno: temp file + rename); for migrations and compaction. */
export async function writeLinesAtomically(file: string, records: readonly unknown[]): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await new TextFile(file).write(records.map((record) => `${JSON.stringify(record)}\n`).join(''));
}

/**
 * Appends records to JSON-lines files. One per store: it remembers which files
 * it has checked for a torn tail, so each file is checked once per process.
 */
export class LineAppender {
  readonly #checked = new Set<string>();
  readonly #dirs = new Set<string>();

  /**
   * Appends one line per record. Synchronous on purpose: recording a run
   * appends to one file per case, and 200 appends through libuv's four
   * threads took 20–45 ms here, done inline 2–5 ms.
   */
  append(file: string, records: readonly unknown[], options: { durable?: boolean } = {}): void {
    if (records.length === 0) return;
    this.#ensureDir(dirname(file));
    const text = records.map((record) => `${JSON.stringify(record)}\n`).join('');
    // a+: created if missing, every write lands at the end, and the tail can be read.
    const fd = openSync(file, 'a+');
    try {
      if (!this.#checked.has(file)) {
        endWithWholeLine(fd);
        this.#checked.add(file);
      }
      writeAll(fd, Buffer.from(text, 'utf8'));
      if (options.durable) fdatasyncSync(fd);
    } catch (error) {
      // A failed write (a full disk) may have left part of a line: check the tail again before the next append.
      this.#checked.delete(file);
      throw error;
    } finally {
      closeSync(fd);
    }
  }

  /** Forgets what it knows of `file`: for a file rewritten (or removed) by other means. */
  forget(file: string): void {
    this.#checked.delete(file);
  }

  #ensureDir(dir: string): void {
    if (this.#dirs.has(dir)) return;
    mkdirSync(dir, { recursive: true });
    this.#dirs.add(dir);
  }
}

/** O_APPEND: each write lands at the end of the file, whatever the position argument. */
function writeAll(fd: number, bytes: Buffer): void {
  for (let offset = 0; offset < bytes.length; ) offset += writeSync(fd, bytes, offset, bytes.length - offset);
}

const TAIL_CHUNK = 4096; // bytes read at a time, backwards from the end, looking for the last newline
const lastByte = Buffer.alloc(1);

/**
 * Makes the file end with a complete line: cuts a torn last line (what
 * reading drops anyway), or ends a complete record that lacks its newline.
 */
function endWithWholeLine(fd: number): void {
  const size = fstatSync(fd).size;
  // Nearly always the file ends with its newline: one byte tells.
  if (size === 0 || (readSync(fd, lastByte, 0, 1, size - 1) === 1 && lastByte[0] === NEWLINE)) return;
  const chunk = Buffer.alloc(TAIL_CHUNK);
  let tailStart = 0;
  for (let end = size; end > 0; ) {
    const start = Math.max(0, end - TAIL_CHUNK);
    const read = readSync(fd, chunk, 0, end - start, start);
    const newline = chunk.subarray(0, read).lastIndexOf(0x0a);
    if (newline >= 0) {
      tailStart = start + newline + 1;
      break;
    }
    end = start;
  }
  if (tailStart === size) return;
  const tail = Buffer.alloc(size - tailStart);
  readSync(fd, tail, 0, tail.length, tailStart);
  if (completeTail(tail.toString('utf8')) !== undefined) writeAll(fd, Buffer.from('\n'));
  else ftruncateSync(fd, tailStart);
}
