// The domain model (DESIGN §3): the nouns every stage of the pipeline shares,
// one file each in model/. Types only; each concept's behaviour lives in the
// file named after it. Mode-specific records live in their modes
// (modes/stress/stress-stats.ts, modes/fuzz/fuzz-run-record.ts).
export type * from './model/alert.js';
export type * from './model/audit-event.js';
export type * from './model/baseline.js';
export type * from './model/comparison.js';
export type * from './model/finding.js';
export type * from './model/job.js';
export type * from './model/mode.js';
export type * from './model/result.js';
export type * from './model/run.js';
export type * from './model/schedule.js';
export type * from './model/summary.js';
export type * from './model/trigger.js';
export type * from './model/watch-cursor.js';
