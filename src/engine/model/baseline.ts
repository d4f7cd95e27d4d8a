// The accepted reference of a case on a machine.

export interface Baseline {
  caseId: string;
  machine: string;
  runId: string;
  commit: string | null;
  /** Median of the accepted result, in its summary's unit. */
  median: number;
  unit: string;
  /**
   * Per-run medians of the fresh-worker runs the baseline was accepted from,
   * when there were more than the accepted run's own (a case's first
   * baseline is 3 runs): they stand in the window for the accepted run, so
   * the next run screens against a real spread. `median` is their median.
   */
  runMedians?: number[];
  acceptedBy: string;
  acceptedAt: string;
  reason: string;
}
