// One case's outcome in one run — measured data, or an error as data — and
// the same outcome as stored, with the verdict it got.
import type { Comparison } from './comparison.js';
import type { Mode } from './mode.js';
import type { ProcessStats, Summary } from './summary.js';

export interface CaseError {
  code: string;
  message: string;
}

interface ResultBase {
  /** `suite/name`. */
  caseId: string;
  suite: string;
  name: string;
  mode: Mode;
}

/**
 * What a mode adds to a measured result. Empty here: each mode declares its
 * own field by augmenting this interface (`stress` in
 * modes/stress/stress-stats.ts), so the engine never imports a mode.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by the modes
export interface ModeResultDetail {}

/** One case's outcome in one run: measured data, or an error as data. */
export type Result =
  | (ResultBase &
      Partial<ModeResultDetail> & {
        state: 'ok';
        /** `stress`: a stress scenario's latency, or one of its metric series (`suite/name:p99`). */
        kind: 'function' | 'command' | 'stress';
        summary: Summary;
        /** Raw per-sample values, compactly encoded (see `encodeSamples`); for stress, the HDR histogram in its base64 encoding. */
        samples: string;
        /** Operations timed per sample (calibrated batching); 1 for commands and stress. */
        batch: number;
        process?: ProcessStats;
      })
  | (ResultBase & { state: 'errored'; error: CaseError });

/** A stored result, tied to its run, with the verdict it got. */
export interface RecordedResult {
  runId: string;
  commit: string | null;
  machine: string;
  recordedAt: string;
  result: Result;
  comparison?: Comparison;
  /** False for results of environment-suspect runs and unconfirmed changes: they never enter a baseline window. */
  inWindow: boolean;
}
