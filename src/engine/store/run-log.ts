// Run records: runs/YYYY-MM.json by the run's startedAt, all loaded at open and
// indexed by id. A run whose finishedAt is still null when a new process
// opens the store was interrupted (the process died during the run).
import { z } from 'zod';
import type { Run } from '../model.js';
import { monthOf } from './month-of.js';
import { MonthlyRecords } from './monthly-records.js';
import { snapshot } from './snapshot.js';
import { corruptStoreFile } from './store-file.js';
import type { StoreLayout } from './store-layout.js';
import type { RunFinish } from './store.js';

// `trigger.kind` may be any string, so that adding a trigger kind never makes
// a store unreadable; hence the cast to `Run`.
const runSchema = z.looseObject({
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

export class RunLog {
  readonly #records: MonthlyRecords<Run>;
  readonly #byId = new Map<string, { run: Run; month: string }>();

  private constructor(records: MonthlyRecords<Run>, layout: StoreLayout) {
    this.#records = records;
    for (const month of records.months()) {
      for (const run of records.inMonth(month)) {
        if (this.#byId.has(run.id)) throw corruptStoreFile(layout.runsFile(month), `run ${run.id} is recorded twice`);
        this.#byId.set(run.id, { run, month });
      }
    }
  }

  static async load(layout: StoreLayout): Promise<RunLog> {
    const records = await MonthlyRecords.load<Run>({
      dir: layout.runsDir,
      file: layout.runsFile,
      key: 'runs',
      record: runSchema,
      timeOf: (run) => run.startedAt,
    });
    return new RunLog(records, layout);
  }

  get(id: string): Run | undefined {
    return this.#byId.get(id)?.run;
  }

  /** The month partition the run's files live in. */
  monthOf(id: string): string | undefined {
    return this.#byId.get(id)?.month;
  }

  /** Newest first. */
  list(limit?: number): Run[] {
    return this.#records.newestFirst(limit);
  }

  async begin(run: Run): Promise<void> {
    if (this.#byId.has(run.id)) throw new Error(`run ${run.id} already exists`);
    const stored = snapshot(run);
    const month = monthOf(stored.startedAt);
    await this.#records.append(month, stored);
    this.#byId.set(stored.id, { run: stored, month });
  }

  async finish(id: string, patch: RunFinish): Promise<void> {
    const found = this.#byId.get(id);
    if (!found) throw new Error(`cannot finish run ${id}: no such run`);
    const finished = snapshot({ ...found.run, finishedAt: patch.finishedAt, environment: patch.environment, ...(patch.fuzz ? { fuzz: patch.fuzz } : {}) });
    await this.#records.replace(found.month, this.#records.inMonth(found.month).indexOf(found.run), finished);
    this.#byId.set(id, { run: finished, month: found.month });
  }
}
