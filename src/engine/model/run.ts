// One execution of a job at one commit.
import type { Mode } from './mode.js';
import type { Trigger } from './trigger.js';

/**
 * What a mode adds to a run's record. Empty here: each mode declares its own
 * field by augmenting this interface (`fuzz` in modes/fuzz/fuzz-run-record.ts).
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by the modes
export interface ModeRunDetail {}

export type Run = Partial<ModeRunDetail> & {
  id: string;
  mode: Mode;
  commit: string | null;
  /** True when the working tree had uncommitted changes. */
  dirty: boolean;
  machine: string;
  trigger: Trigger;
  startedAt: string;
  finishedAt: string | null;
  /** `suspect` when the canary moved beyond its own noise: no regression verdicts then. */
  environment: 'ok' | 'suspect';
};
