// Known findings are replayed on every new commit and before every fuzz run
// (DESIGN §7). Like ClusterFuzz, perflab calls a bug fixed only once it has
// stopped reproducing: R clean replays in a row at a commit mark it `fixed`
// with that commit; a fixed one that reproduces comes back `regressed` and
// alerts. An input that fails on some replays and not others is `flaky`.
import { recordFindings } from '../../engine/alert/finding-alerts.js';
import type { Alert, Finding, FindingReport, Run, Trigger } from '../../engine/model.js';
import type { FuzzRunRecord } from './fuzz-run-record.js';
import { beginFuzzRun, finishFuzzRun } from './begin-fuzz-run.js';
import type { Store } from '../../engine/store/store.js';
import { caseFilter, type CaseFilter } from '../../engine/suite/case-filter.js';
import type { FuzzPool } from './fuzz-pool.js';
import { listProperties, type PropertyRef } from './list-properties.js';
import { replayInput, storedInput } from './replay-input.js';

/** Clean replays in a row before a finding counts as fixed. */
export const DEFAULT_REPLAY_REPEATS = 3;

export type ReplayVerdict =
  /** Still fails: nothing changes (a fixed one is `regressed` once recorded). */
  | 'reproduces'
  | 'regressed'
  /** R clean replays at a commit other than where it was last seen. */
  | 'fixed'
  | 'still-fixed'
  /** R clean replays of code where it was seen failing, or a mix of failing and clean replays. */
  | 'flaky'
  /** The replay could not run, or the property is gone: nothing changes. */
  | 'skipped';

export interface ReplayOutcome {
  findingId: string;
  caseId: string;
  verdict: ReplayVerdict;
  attempts: number;
  reproduced: number;
  /** Why, for `skipped`; the error seen, for `reproduces`. */
  note?: string;
}

export interface ReplayContext {
  store: Store;
  pool: FuzzPool;
  /** The properties as they are in this checkout. */
  properties: readonly PropertyRef[];
  /** The run the replays belong to: fixes and returns are recorded at its commit. */
  run: Pick<Run, 'id' | 'commit' | 'dirty'>;
  /** Clean replays in a row that make a finding fixed. Default 3. */
  repeats?: number;
  signal?: AbortSignal;
}

/** Replays every fuzz finding whose property exists here; returns what happened and the reports of the ones that came back. */
export async function replayFindings(ctx: ReplayContext): Promise<{ outcomes: ReplayOutcome[]; returned: FindingReport[] }> {
  const repeats = ctx.repeats ?? DEFAULT_REPLAY_REPEATS;
  if (!Number.isInteger(repeats) || repeats < 1) throw new RangeError(`replay repeats must be a positive whole number, got ${repeats}`);
  const byId = new Map(ctx.properties.map((p) => [p.id, p]));
  const outcomes: ReplayOutcome[] = [];
  const returned: FindingReport[] = [];
  for (const finding of (await ctx.store.listFindings({ mode: 'fuzz' }))) {
    if (ctx.signal?.aborted) break;
    const property = byId.get(finding.caseId);
    if (!property) continue; // not selected, or no longer in the suites
    const outcome = await replayOne(ctx, finding, property, repeats);
    outcomes.push(outcome);
    if (outcome.verdict === 'regressed') returned.push(asReport(finding));
  }
  return { outcomes, returned };
}

async function replayOne(ctx: ReplayContext, finding: Finding, property: PropertyRef, repeats: number): Promise<ReplayOutcome> {
  const base = { findingId: finding.id, caseId: finding.caseId };
  const input = storedInput(finding.detail);
  if (!input) return { ...base, verdict: 'skipped', attempts: 0, reproduced: 0, note: 'the finding has no seed and path' };
  if (property.error) return { ...base, verdict: 'skipped', attempts: 0, reproduced: 0, note: property.error.message };
  let attempts = 0;
  let clean = 0;
  for (; attempts < repeats; attempts++) {
    const result = await replayInput(ctx.pool, property, input, ctx.signal);
    if (result.state === 'errored') return { ...base, verdict: 'skipped', attempts: attempts + 1, reproduced: 0, note: result.error.message };
    if (result.state === 'reproduced') {
      // Clean before, failing now: the same input gives different answers.
      if (clean > 0) await ctx.store.setFindingFlaky(finding.id, true);
      const verdict = finding.state === 'fixed' ? 'regressed' : 'reproduces';
      return { ...base, verdict, attempts: attempts + 1, reproduced: 1, note: result.message };
    }
    clean++;
  }
  if (finding.state === 'fixed') return { ...base, verdict: 'still-fixed', attempts, reproduced: 0 };
  if (isSameCode(ctx.run, finding)) {
    await ctx.store.setFindingFlaky(finding.id, true);
    return { ...base, verdict: 'flaky', attempts, reproduced: 0, note: 'the code it failed on passes now' };
  }
  const fixedIn = { runId: ctx.run.id, commit: ctx.run.commit, at: new Date().toISOString() };
  const moved = await ctx.store.transitionFinding(finding.id, ['new', 'known', 'regressed'], 'fixed', 'perflab', { fixedIn });
  return { ...base, verdict: moved.ok ? 'fixed' : 'skipped', attempts, reproduced: 0 };
}

/**
 * The commit it was last seen failing at, unmodified: a clean replay there
 * cannot mean a fix, only that the input alone does not decide the failure.
 * Outside git (no commit either time) the code is taken to be the same.
 */
export function isSameCode(checkout: Pick<Run, 'commit' | 'dirty'>, finding: Finding): boolean {
  return !checkout.dirty && checkout.commit === finding.lastSeen.commit;
}

function asReport(finding: Finding): FindingReport {
  const { mode, caseId, signature, kind, title, evidence, detail, repro } = finding;
  return { mode, caseId, signature, kind, title, evidence, detail, ...(repro ? { repro } : {}) };
}

export interface ReplayKnownFindingsOptions {
  store: Store;
  /** The suites directory of the checkout to judge (e.g. the commit's worktree). */
  suitesDir: string;
  /** The commit checked out there (null outside git). */
  commit: string | null;
  /** True when the checkout has uncommitted changes. */
  dirty?: boolean;
  machine: string;
  /** Default: `{ kind: 'commit', by: 'perflab' }`. */
  trigger?: Trigger;
  pool: FuzzPool;
  /** Only findings of matching properties. Default: all. */
  filter?: CaseFilter;
  /** Clean replays in a row that make a finding fixed. Default 3. */
  repeats?: number;
  signal?: AbortSignal;
}

/**
 * The per-commit entry point (git watcher, schedules): one recorded fuzz run
 * that replays every known fuzz finding at `commit` and fuzzes nothing. The
 * returned alert (findings that came back) is stored; the caller delivers it.
 */
export async function replayKnownFindings(options: ReplayKnownFindingsOptions): Promise<{ run: Run; outcomes: ReplayOutcome[]; alert?: Alert }> {
  const { store, pool } = options;
  const listing = await listProperties(pool, options.suitesDir, options.filter ?? caseFilter(undefined), options.signal);
  const run = await beginFuzzRun(store, {
    commit: options.commit,
    dirty: options.dirty ?? false,
    machine: options.machine,
    trigger: options.trigger ?? { kind: 'commit', by: 'perflab' },
    fuzz: { budgetMs: 0, workers: pool.workers, tasks: [] },
  });
  const { outcomes, returned } = await replayFindings({
    store,
    pool,
    properties: listing.properties,
    run,
    ...(options.repeats !== undefined ? { repeats: options.repeats } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const { alert } = await recordFindings(store, run, returned);
  const finished = await finishFuzzRun(store, run, { budgetMs: 0, workers: pool.workers, tasks: [], replays: replayRecords(outcomes) });
  return { run: finished, outcomes, ...(alert ? { alert } : {}) };
}

/** What a run keeps of its replays. */
export function replayRecords(outcomes: readonly ReplayOutcome[]): NonNullable<FuzzRunRecord['replays']> {
  return outcomes.map(({ findingId, attempts, reproduced }) => ({ findingId, attempts, reproduced }));
}
