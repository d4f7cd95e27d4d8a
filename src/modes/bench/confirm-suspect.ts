// How a benchmark suspect is measured again for confirmation: the baseline's
// commit checked out in a temporary worktree and run alternately with the
// candidate, a fresh worker each; or, with no older code to run, the
// candidate alone against the stored runs. The engine's compare stage decides:
// looks at 10, 20 and 30 pairs, 40–60 only while the interval straddles the
// threshold, 60 the cap; from 20 pairs on it stops as 'unstable' once the
// interval projected to the cap could not become clear (paired-confirm.ts,
// rule 5), so a bursty case costs 40–60 fresh workers, not 120.
import { access } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { BaselineCode } from '../../engine/compare/compare-to-baseline.js';
import { confirmAgainstWindow, confirmInterleaved, type Confirmation, type ConfirmRunOptions, type MeasureRun } from '../../engine/compare/confirm-change.js';
import { hasCommit, isTracked, type Checkout } from '../../engine/git/git.js';
import { withWorktree } from '../../engine/git/worktree.js';
import type { Baseline } from '../../engine/model.js';
import type { ExclusivePool } from '../../engine/pool/exclusive-pool.js';
import type { Store } from '../../engine/store/store.js';
import type { BenchCaseRef } from './bench-case.js';
import { measureCase } from './measure-case.js';

/**
 * Measures `baseline` or `candidate` once, in a fresh worker, with the
 * case's own budget, as the window's runs were: the pairs must vary as
 * little as the runs the screen judged. A fifth of the budget (what confirmation used before) cost 0.6 s a run
 * instead of 1.4 s, but on the idle machine its per-run medians varied 2–4×
 * as much (robust CV over 12 fresh workers each, interleaved: json/parse 1MB
 * 11.4% against 2.7%, with a quarter of the short runs 1.8× slow;
 * json/stringify 1MB 4.9% against 2.1%; tls/transfer 1MB 7.5% against 1.9%),
 * and the pairs a decision needs grow with the square of that: confirmations
 * ran 30–50 pairs, or gave up as too noisy, where 10 full runs decide.
 */
export function measureSides(pool: ExclusivePool, baseline: BenchCaseRef, candidate: BenchCaseRef, signal?: AbortSignal): MeasureRun {
  return async (side) => {
    const ref = side === 'baseline' ? baseline : candidate;
    const result = await measureCase(pool, ref, ref.options, signal);
    return result.state === 'errored' ? { error: result.error } : { median: result.summary.median, unit: result.summary.unit };
  };
}

/**
 * Where `baseline`'s code is for a run of `ref` in `checkout` (see
 * `BaselineCode`). A suite file git does not track is outside what a commit
 * and a clean tree vouch for, and no worktree holds it: 'none'.
 */
export async function baselineCode(store: Store, checkout: Checkout | null, baseline: Baseline, ref: BenchCaseRef): Promise<BaselineCode> {
  if (!checkout || !baseline.commit || !(await isTracked(checkout.root, ref.file))) return 'none';
  if (baseline.commit === checkout.commit && !checkout.dirty && (await store.getRun(baseline.runId))?.dirty === false) return 'same';
  return (await hasCommit(checkout.root, baseline.commit)) ? 'beside' : 'none';
}

/** Confirms a suspect where `baselineCode` found the baseline's code: beside the candidate, or, with none, against the stored runs. */
export async function confirmSuspect(pool: ExclusivePool, checkout: Checkout | null, ref: BenchCaseRef, baseline: Baseline, window: readonly number[], run: ConfirmRunOptions, code: Exclude<BaselineCode, 'same'>): Promise<Confirmation> {
  const againstWindow = (medians: readonly number[]) => confirmAgainstWindow(measureSides(pool, ref, ref, run.signal), medians, run);
  if (code === 'none' || !checkout || !baseline.commit) return againstWindow(window.length > 0 ? window : [baseline.median]);
  // Same commit and a clean tree: the code is identical, so both sides run from here.
  if (baseline.commit === checkout.commit && !checkout.dirty) return confirmInterleaved(measureSides(pool, ref, ref, run.signal), run);
  return withWorktree(checkout.root, baseline.commit, async (dir) => {
    const file = join(dir, relative(checkout.root, ref.file));
    const exists = await access(file).then(() => true, () => false);
    if (!exists) return againstWindow(window);
    return confirmInterleaved(measureSides(pool, { ...ref, file }, ref, run.signal), run);
  });
}
