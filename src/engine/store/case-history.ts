// history/YYYY-MM/<case>.json: one compact line per result of one case, in the
// month of the result's time. Reading a case's year touches twelve small
// files; recording a run touches one file per case in the current month.
//
// Appending does not parse and re-serialise the month: the file is written
// one entry per line (`stringifyRecords`), so the new lines are spliced in
// before the closing `]}` and the whole text is written back through lowdb
// (temp file + rename, as every write). A file not in that shape (edited by
// hand) is parsed, which fails loudly if it is broken, and rewritten.
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Low } from 'lowdb';
import { TextFile } from 'lowdb/node';
import { z } from 'zod';
import type { RecordedResult } from '../model.js';
import { listMonths } from './list-months.js';
import { toUtcIso } from './month-of.js';
import type { HistoryEntry } from './store.js';
import { corruptStoreFile, parseStoreJson, stringifyRecords } from './store-file.js';
import type { StoreLayout } from './store-layout.js';
import { toHistoryEntry } from './to-history-entry.js';

interface HistoryFile {
  caseId: string;
  entries: HistoryEntry[];
}

// Checks what reading relies on; a year is ~18 000 entries, so no deeper.
const historyFileSchema = z.object({
  caseId: z.string(),
  entries: z.array(z.looseObject({ runId: z.string(), machine: z.string(), at: z.string() })),
}) as unknown as z.ZodType<HistoryFile>;

const PARALLEL_APPENDS = 4;

/** How `stringifyRecords` ends a `{ caseId, entries }` file. */
const CLOSING = '\n]}\n';

export interface HistoryQuery {
  machine?: string;
  /** Keep the newest `limit` entries. */
  limit?: number;
  /** Only entries at or after this time. */
  since?: string;
}

export class CaseHistory {
  readonly #layout: StoreLayout;
  readonly #months: Set<string>;

  private constructor(layout: StoreLayout, months: string[]) {
    this.#layout = layout;
    this.#months = new Set(months);
  }

  static async load(layout: StoreLayout): Promise<CaseHistory> {
    return new CaseHistory(layout, await listMonths(layout.historyDir, 'dirs'));
  }

  /** Appends one entry per result to its case's file for the month of its time. */
  async append(results: readonly RecordedResult[]): Promise<void> {
    const files = new Map<string, { month: string; caseId: string; entries: HistoryEntry[] }>();
    for (const recorded of results) {
      const entry = toHistoryEntry(recorded);
      const month = entry.at.slice(0, 7);
      const caseId = recorded.result.caseId;
      const file = this.#layout.historyFile(month, caseId);
      const group = files.get(file) ?? { month, caseId, entries: [] };
      group.entries.push(entry);
      files.set(file, group);
    }
    for (const [file, { month }] of files) {
      if (!this.#months.has(month)) {
        await mkdir(dirname(file), { recursive: true });
        this.#months.add(month);
      }
    }
    // Different files, so they may be written side by side (the run record
    // that says "finished" is written only after all of them). The cost of a
    // write here is mostly the file system's rename; a few at a time overlap
    // that latency, more only queue up in libuv's 4 threads.
    const pending = [...files];
    const writer = async (): Promise<void> => {
      for (let next = pending.shift(); next; next = pending.shift()) {
        const [file, { caseId, entries }] = next;
        await appendToFile(file, caseId, entries);
      }
    };
    // allSettled: a failure must not end this step while other appends are still writing.
    const outcomes = await Promise.allSettled(Array.from({ length: PARALLEL_APPENDS }, writer));
    const failed = outcomes.find((outcome) => outcome.status === 'rejected');
    if (failed) throw failed.reason;
  }

  /** Oldest first. With `limit`, reads months newest first and stops once it has enough. */
  async read(caseId: string, query: HistoryQuery = {}): Promise<HistoryEntry[]> {
    const limit = query.limit === undefined ? undefined : Math.max(0, query.limit);
    const since = query.since === undefined ? undefined : toUtcIso(query.since);
    const firstMonth = since?.slice(0, 7) ?? '';
    const months = [...this.#months].filter((month) => month >= firstMonth).sort();
    if (limit !== undefined) months.reverse();

    const chunks: HistoryEntry[][] = [];
    let found = 0;
    for (const month of months) {
      if (limit !== undefined && found >= limit) break;
      const entries = (await readFile(this.#layout.historyFile(month, caseId), caseId))
        .filter((entry) => (query.machine === undefined || entry.machine === query.machine) && (since === undefined || entry.at >= since))
        .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
      chunks.push(entries);
      found += entries.length;
    }
    if (limit !== undefined) chunks.reverse();
    const all = chunks.flat();
    return limit === undefined ? all : all.slice(Math.max(0, all.length - limit));
  }
}

async function readFile(file: string, caseId: string): Promise<HistoryEntry[]> {
  const text = await new TextFile(file).read();
  return text === null ? [] : parseEntries(text, file, caseId);
}

function parseEntries(text: string, file: string, caseId: string): HistoryEntry[] {
  const history = parseStoreJson(text, file, historyFileSchema);
  if (history.caseId !== caseId) throw corruptStoreFile(file, `holds the history of case ${history.caseId}, not of ${caseId}`);
  return history.entries;
}

async function appendToFile(file: string, caseId: string, entries: readonly HistoryEntry[]): Promise<void> {
  const low = new Low<string>(new TextFile(file), '');
  await low.read();
  const header = `{"caseId":${JSON.stringify(caseId)},\n"entries":[`;
  const text = low.data;
  if (text.startsWith(header) && text.endsWith(CLOSING)) {
    const head = text.slice(0, -CLOSING.length);
    const lines = entries.map((entry) => JSON.stringify(entry)).join(',\n');
    low.data = `${head}${head.endsWith('[') ? '\n' : ',\n'}${lines}${CLOSING}`;
  } else {
    const existing = text === '' ? [] : parseEntries(text, file, caseId);
    low.data = stringifyRecords({ caseId, entries: [...existing, ...entries] } satisfies HistoryFile);
  }
  await low.write();
}
