// A result set against its baseline: the verdict and, where a change was
// measured, the evidence for it.

export type Verdict = 'regressed' | 'improved' | 'unchanged' | 'no-baseline' | 'unstable' | 'errored';

/** How a change was established. */
export type ConfirmMethod =
  /** baseline code and candidate code run alternately, fresh worker each */
  | 'interleaved'
  /** candidate re-run and compared with the stored baseline window (no older code available) */
  | 'window';

/** Effect of a candidate relative to its baseline: candidate median / baseline median. */
export interface Change {
  ratio: number;
  ciLow: number;
  ciHigh: number;
  /** One-sided p-value of the Wilcoxon signed-rank test on the pairs' log-ratios, in the direction of the change. */
  pValue: number;
  method: ConfirmMethod;
  /** Runs (fresh workers) per side that the decision rests on. */
  runs: number;
}

/** The numbers a verdict rests on, kept for the alert's page (absent on results stored before they were kept). */
export interface ComparisonEvidence {
  /** The screening of this run against the baseline's window. */
  screening: {
    /** This run's median, in the result's unit. */
    median: number;
    /** Median of the window's per-run medians. */
    windowMedian: number;
    /** Runs in the window (1: only the accepted baseline). */
    windowRuns: number;
    /** median / windowMedian − 1. */
    delta: number;
    /** Robust z, or null when the window is too short or has no spread. */
    z: number | null;
    /** Smallest |delta| that counts, e.g. 0.03. */
    gate: number;
  };
  /** Every confirmation run's median per side, in `unit`, in the order measured. */
  confirmation?: { unit: string; baseline: number[]; candidate: number[] };
}

interface ComparisonBase {
  caseId: string;
  /** Why this verdict, in one sentence a person can act on. */
  reason: string;
  evidence?: ComparisonEvidence;
}

/** A result set against its baseline: a confirmed change always carries its evidence. */
export type Comparison =
  | (ComparisonBase & { verdict: 'regressed' | 'improved'; change: Change })
  /**
   * `unchanged` and `unstable` carry the change when they were measured again
   * (confirmation). For `unstable` it is the evidence (ratio, CI, p, runs),
   * not a finding: the reason says why no verdict was reached, and displays
   * show the ratio only through `reportedChange`.
   */
  | (ComparisonBase & { verdict: 'unchanged' | 'unstable'; change?: Change })
  | (ComparisonBase & { verdict: 'no-baseline' | 'errored'; change?: never });

/** The change to show beside a verdict: none for `unstable`, whose measured ratio the machine dominated and would be read as a result. */
export function reportedChange(comparison: Pick<Comparison, 'verdict' | 'change'>): Change | undefined {
  return comparison.verdict === 'unstable' ? undefined : comparison.change;
}
