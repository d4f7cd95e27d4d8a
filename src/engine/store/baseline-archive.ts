// Baselines a later acceptance replaced: baselines/<case>.jsonl, oldest first,
// all machines of the case in one file. state.json keeps only the current
// baseline of each case × machine, so opening the store does not read every
// baseline ever accepted, and a case's history is one small file.
//
// Accepting appends the replaced baseline here first, then writes state.json.
// A kill in between leaves the replaced one both here (last line for its
// machine) and current in state.json: `history` drops that copy, and the next
// acceptance does not append it again.
import { z } from 'zod';
import type { Baseline } from '../model.js';
import type { LineAppender } from './line-file.js';
import { readLines } from './line-file.js';
import type { RecordCheck } from './record-check.js';
import { areStrings, checkRecord, isFields, isStringOrNull } from './record-check.js';
import type { StoreLayout } from './store-layout.js';

export const baselineSchema = z.looseObject({
  caseId: z.string(),
  machine: z.string(),
  runId: z.string(),
  commit: z.string().nullable(),
  median: z.number(),
  unit: z.string(),
  acceptedBy: z.string(),
  acceptedAt: z.string(),
  reason: z.string(),
  runMedians: z.array(z.number()).optional(),
});

/** `baselineSchema`, checked by hand (see record-check.ts). */
const baselineCheck: RecordCheck<Baseline> = {
  schema: baselineSchema as unknown as z.ZodType<Baseline>,
  quick: (raw) => isFields(raw) && areStrings(raw, ['caseId', 'machine', 'runId', 'unit', 'acceptedBy', 'acceptedAt', 'reason']) && isStringOrNull(raw.commit) && typeof raw.median === 'number' && (raw.runMedians === undefined || (Array.isArray(raw.runMedians) && raw.runMedians.every((m) => typeof m === 'number'))),
};

export class BaselineArchive {
  readonly #layout: StoreLayout;
  readonly #appender: LineAppender;

  constructor(layout: StoreLayout, appender: LineAppender) {
    this.#layout = layout;
    this.#appender = appender;
  }

  /** Every baseline accepted for the case on the machine, oldest first, ending with `current`. */
  async history(caseId: string, machine: string, current: Baseline | undefined): Promise<Baseline[]> {
    const replaced = await this.#replaced(caseId, machine);
    if (current && replaced.length > 0 && sameBaseline(replaced.at(-1) as Baseline, current)) replaced.pop();
    return current ? [...replaced, current] : replaced;
  }

  /** Keeps `replaced` (frozen), unless a killed acceptance already did. */
  async add(replaced: Baseline): Promise<void> {
    const last = (await this.#replaced(replaced.caseId, replaced.machine)).at(-1);
    if (last && sameBaseline(last, replaced)) return;
    this.#appender.append(this.#layout.baselinesFile(replaced.caseId), [replaced]);
  }

  async #replaced(caseId: string, machine: string): Promise<Baseline[]> {
    const file = this.#layout.baselinesFile(caseId);
    const all = (readLines(file) ?? []).map((raw, i) => checkRecord(raw, file, baselineCheck, `record ${i + 1}`));
    return all.filter((baseline) => baseline.caseId === caseId && baseline.machine === machine);
  }
}

/** The same acceptance: baselines are flat records, compared field by field. */
function sameBaseline(a: Baseline, b: Baseline): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => Object.is(a[key as keyof Baseline], b[key as keyof Baseline]));
}
