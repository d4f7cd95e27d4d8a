// The accepted reference of a case on a machine.

export interface Baseline {
  caseId: string;
  machine: string;
  runId: string;
  commit: string | null;
  /** Median of the accepted result, in its summary's unit. */
  median: number;
  unit: string;
  acceptedBy: string;
  acceptedAt: string;
  reason: string;
}
