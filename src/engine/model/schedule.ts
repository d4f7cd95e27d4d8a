// A cron expression × suite selection × mode (DESIGN §3).
import type { Mode } from './mode.js';

export interface Schedule {
  id: string;
  cron: string;
  /** IANA zone the expression is read in, e.g. `Europe/Paris`. */
  timezone: string;
  /** Suite/case pattern, as for `perflab run`. */
  pattern: string;
  mode: Mode;
  createdBy: string;
  createdAt: string;
  /** `config` schedules are re-read from perflab.config.json at start and cannot be removed from Slack. */
  source: 'config' | 'store';
}
