// A cron expression × suite selection × what to do: measure in a mode, or
// post the digest of what moved (DESIGN §3).
import type { Mode } from './mode.js';

/** What a schedule does when it fires: run its cases in a mode, or post the weekly digest of them. */
export type ScheduleMode = Mode | 'digest';

export interface Schedule {
  id: string;
  cron: string;
  /** IANA zone the expression is read in, e.g. `Europe/Paris`. */
  timezone: string;
  /** Suite/case pattern, as for `perflab run`. */
  pattern: string;
  mode: ScheduleMode;
  createdBy: string;
  createdAt: string;
  /** `config` schedules are re-read from perflab.config.json at start and cannot be removed from Slack. */
  source: 'config' | 'store';
}
