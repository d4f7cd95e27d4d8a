// Run records: runs/YYYY-MM.jsonl by the run's startedAt, one line when a run
// begins and one when it finishes (the last line of a run wins). Months are
// read when first asked for, so opening the store reads none of them. A run
// whose finishedAt is still null when a new process opens the store was
// interrupted (the process died during the run).
import { z } from 'zod';
import type { Run } from '../model.js';
import type { LineAppender } from './line-file.js';
import { monthHint } from './month-hint.js';
import { monthOf } from './month-of.js';
import { MonthlyLog } from './monthly-log.js';
import type { RecordCheck } from './record-check.js';
import { areStrings, isFields, isStringOrNull } from './record-check.js';
import { snapshot } from './snapshot.js';
import type { StoreLayout } from './store-layout.js';
import type { RunFinish } from './store.js';

// `trigger.kind` may be any string, so that adding a trigger kind never makes
// a store unreadable; hence the cast to `Run`.
export const runSchema = z.looseObject({
  id: z.string(),
  mode: z.enum(['bench', 'stress', 'fuzz']),
  commit: z.string().nullable(),
  dirty: z.boolean(),
  machine: z.string(),
  trigger: z.looseObject({ kind: z.string(), by: z.string() }),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  environment: z.enum(['ok', 'suspect']),
}) as unknown as z.ZodType<Run>;

const MODES = new Set(['bench', 'stress', 'fuzz']);
const ENVIRONMENTS = new Set(['ok', 'suspect']);

/** `runSchema`, checked by hand (see record-check.ts). */
export const runCheck: RecordCheck<Run> = {
  schema: runSchema,
  quick: (raw) =>
    isFields(raw) &&
    areStrings(raw, ['id', 'machine', 'startedAt']) &&
    MODES.has(raw.mode as string) &&
    ENVIRONMENTS.has(raw.environment as string) &&
    isStringOrNull(raw.commit) &&
    isStringOrNull(raw.finishedAt) &&
    typeof raw.dirty === 'boolean' &&
    isFields(raw.trigger) &&
    areStrings(raw.trigger, ['kind', 'by']),
};

export class RunLog {
  readonly #log: MonthlyLog<Run>;
  /**
   * Runs this process began and has not finished, as last written: recording
   * and finishing them needs no read of their month (the process holds the
   * store's lock, so nobody else writes them).
   */
  readonly #running = new Map<string, { run: Run; month: string }>();

  private constructor(log: MonthlyLog<Run>) {
    this.#log = log;
  }

  static async open(layout: StoreLayout, appender: LineAppender): Promise<RunLog> {
    const log = await MonthlyLog.open<Run>(
      { dir: layout.runsDir, file: layout.runsFile, record: runCheck, timeOf: (run) => run.startedAt, keyOf: (run) => run.id },
      appender,
    );
    return new RunLog(log);
  }

  async get(id: string): Promise<Run | undefined> {
    return (await this.#find(id))?.run;
  }

  /** The month partition the run's files live in. */
  async monthOf(id: string): Promise<string | undefined> {
    return (await this.#find(id))?.month;
  }

  /** Newest first. */
  list(limit?: number): Promise<Run[]> {
    return this.#log.newestFirst(limit);
  }

  /**
   * Refuses an id already used in the run's month. Run ids carry their start
   * time (`newRunId`), so that is the only month where one could be reused.
   */
  async begin(run: Run): Promise<void> {
    const stored = snapshot(run);
    const month = monthOf(stored.startedAt);
    if (this.#running.has(stored.id) || (await this.#log.has(month, stored.id))) throw new Error(`run ${run.id} already exists`);
    await this.#log.append(month, stored);
    this.#running.set(stored.id, { run: stored, month });
  }

  async finish(id: string, patch: RunFinish): Promise<void> {
    const found = await this.#find(id);
    if (!found) throw new Error(`cannot finish run ${id}: no such run`);
    const finished = snapshot({ ...found.run, finishedAt: patch.finishedAt, environment: patch.environment, ...(patch.fuzz ? { fuzz: patch.fuzz } : {}) });
    await this.#log.append(found.month, finished);
    this.#running.delete(id);
  }

  /**
   * Looks in the month the id names first (perflab's run ids start with their
   * start time), then newest month first: an unknown id reads every month.
   */
  async #find(id: string): Promise<{ run: Run; month: string } | undefined> {
    const running = this.#running.get(id);
    if (running) return running;
    for (const month of new Set([...monthHint(id), ...this.#log.months().reverse()])) {
      const run = await this.#log.find(month, id);
      if (run) return { run, month };
    }
    return undefined;
  }
}
