// A run as it starts: a fresh id, the commit it measures, who asked.
import type { Checkout } from './git/git.js';
import type { Mode, Run, Trigger } from './model.js';
import { newRunId } from './run-id.js';

export interface NewRunOptions {
  mode: Mode;
  machine: string;
  trigger: Trigger;
  /** The checkout the suites come from (null outside git). */
  checkout: Checkout | null;
  /** Commit to record; defaults to the checkout's HEAD. */
  commit?: string | undefined;
}

export function newRun(options: NewRunOptions): Run {
  return {
    id: newRunId(),
    mode: options.mode,
    commit: options.commit ?? options.checkout?.commit ?? null,
    dirty: options.checkout?.dirty ?? false,
    machine: options.machine,
    trigger: options.trigger,
    startedAt: new Date().toISOString(),
    finishedAt: null,
    environment: 'ok',
  };
}
