// What the site reads of a lab: its read-only queries, nothing that submits
// work or changes state. The pages get this, never the lab itself, so no page
// can change anything even by mistake.
import type { Lab } from '../lab/lab.js';

export type SiteReads = Pick<
  Lab,
  'machine' | 'dataDir' | 'suitesDir' | 'history' | 'baselineHistory' | 'knownCases' | 'alerts' | 'alert' | 'getRun' | 'runs' | 'runResults' | 'findings' | 'auditLog'
>;

export interface SiteContext {
  lab: SiteReads;
  /** The suites' git checkout, where commit authors are looked up; null outside one. */
  repo: string | null;
  /** The instant "day", "week" … count back from on a run's page; default now. */
  now?: () => Date;
}
