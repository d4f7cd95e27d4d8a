// One result against its baseline: screen it against the window of runs
// since the baseline was accepted, and confirm a suspect by measuring again
// (DESIGN §5). Only a confirmed change becomes `regressed` or `improved`.
// The mode says how to measure again (`ConfirmSuspect`); the verdict is decided here.
import { ErrorCode } from '../errors.js';
import type { Baseline, Comparison, Result, Summary } from '../model.js';
import { robustCv, screen } from '../stats/index.js';
import type { HistoryEntry, Store } from '../store/store.js';
import type { Confirmation, ConfirmRunOptions } from './confirm-change.js';

export interface CompareContext {
  store: Store;
  machine: string;
  environment: 'ok' | 'suspect';
  onConfirmRun?: (caseId: string, side: 'baseline' | 'candidate', done: number, target: number) => void;
  signal?: AbortSignal;
}

/** Per-run medians that describe a baseline: the accepted run and the unchanged runs since. */
export async function baselineWindow(store: Store, caseId: string, machine: string, baseline: Baseline): Promise<{ current: number[]; previous: number[] }> {
  const since = (await store.getRun(baseline.runId))?.startedAt;
  const entries = await store.history(caseId, { machine, limit: 200 });
  const usable = (e: HistoryEntry): e is HistoryEntry & { median: number } => e.state === 'ok' && e.inWindow && typeof e.median === 'number';
  const from = entries.findIndex((e) => e.runId === baseline.runId);
  const split = from >= 0 ? from : since ? entries.findIndex((e) => e.at >= since) : entries.length;
  const at = split < 0 ? entries.length : split;
  return {
    current: entries.slice(at).filter(usable).map((e) => e.median),
    previous: entries.slice(0, at).filter(usable).map((e) => e.median).slice(-30),
  };
}

/**
 * How suspicious a result must look before confirmation is spent on it.
 * Confirmation has the last word on every verdict, so a case screens at half
 * its threshold and at |z| ≥ 2.5: a real change of threshold size is then
 * rarely filtered out by one noisy run (docs/benchmarks.md has the numbers).
 * The canary has no confirmation behind it and screens strictly (3.5).
 */
export const SCREENING = {
  case: { thresholdFactor: 0.5, zLimit: 2.5 },
  canary: { thresholdFactor: 1, zLimit: 3.5 },
} as const;

/**
 * Screens one summary against its baseline's window. With too few runs since
 * the baseline for a spread of their own, the previous spread is kept
 * (DESIGN §5), or else the standard error of this run's median is used.
 */
export async function screenAgainstBaseline(store: Store, caseId: string, machine: string, baseline: Baseline, summary: Summary, threshold: number, role: keyof typeof SCREENING = 'case') {
  const window = await baselineWindow(store, caseId, machine, baseline);
  const fallbackCv = window.previous.length >= 3 ? robustCv(window.previous) : (1.2533 * summary.cv) / Math.sqrt(summary.n);
  const values = window.current.length > 0 ? window.current : [baseline.median];
  const { thresholdFactor, zLimit } = SCREENING[role];
  return { window, screened: screen(summary.median, values, { threshold: threshold * thresholdFactor, zLimit, fallbackCv, direction: summary.direction }) };
}

/** How a suspect is confirmed: the mode measures the baseline's code and the candidate again (see `confirm-change.ts`). */
export type ConfirmSuspect = (baseline: Baseline, window: readonly number[], run: ConfirmRunOptions) => Promise<Confirmation>;

export async function compareToBaseline(ctx: CompareContext, caseId: string, threshold: number, result: Result, confirm: ConfirmSuspect): Promise<Comparison> {
  if (result.state === 'errored') return { caseId, verdict: 'errored', reason: result.error.message };
  const baseline = await ctx.store.getBaseline(caseId, ctx.machine);
  if (!baseline) return { caseId, verdict: 'no-baseline', reason: 'first result on this machine; it becomes the baseline' };

  const { window, screened } = await screenAgainstBaseline(ctx.store, caseId, ctx.machine, baseline, result.summary, threshold);
  if (!screened.suspect) return { caseId, verdict: 'unchanged', reason: screened.reason };
  const screening = { median: result.summary.median, windowMedian: result.summary.median / (1 + screened.delta), windowRuns: Math.max(1, window.current.length), delta: screened.delta, z: screened.z, gate: screened.gate };
  if (ctx.environment === 'suspect') {
    return { caseId, verdict: 'unstable', reason: `${screened.reason} The canary moved too: the machine, not the code, may have changed; no verdict.`, evidence: { screening } };
  }

  const run: ConfirmRunOptions = {
    threshold,
    onRun: (side, done, target) => ctx.onConfirmRun?.(caseId, side, done, target),
    ...(ctx.signal ? { signal: ctx.signal } : {}),
  };
  const confirmation = await confirm(baseline, window.current, run);
  if (confirmation.verdict === 'errored') {
    if (confirmation.error.code === ErrorCode.Cancelled) return { caseId, verdict: 'unstable', reason: `${screened.reason} Confirmation was cancelled: no verdict.` };
    return { caseId, verdict: 'errored', reason: confirmation.reason };
  }
  const reason = `Screening: ${screened.reason} ${confirmation.reason}`;
  const evidence = { screening, ...(confirmation.medians ? { confirmation: confirmation.medians } : {}) };
  return confirmation.change ? { caseId, verdict: confirmation.verdict, change: confirmation.change, reason, evidence } : { caseId, verdict: 'unstable', reason, evidence };
}
