// Where each thing lives in a store directory. Partitioned by month so that
// recording a run rewrites one run's files plus month-sized partitions, never
// the whole history:
//
//   lock                               pid of the perflab process using the store
//   state.json                         schemaVersion, baselines (+ previous ones), alerts, schedules, findings, jobs, watch cursors
//   runs/YYYY-MM.json                  run records, by the run's startedAt
//   results/YYYY-MM/<run>.json         full results (with samples) of one run, written once
//   history/YYYY-MM/<case>.json        one compact line per result of one case, by its recordedAt
//   audit/YYYY-MM.json                 audit events, by their `at`
import { join } from 'node:path';
import { fileKey } from './file-key.js';

export interface StoreLayout {
  readonly root: string;
  readonly lockFile: string;
  readonly stateFile: string;
  readonly runsDir: string;
  readonly resultsDir: string;
  readonly historyDir: string;
  readonly auditDir: string;
  runsFile(month: string): string;
  resultsFile(month: string, runId: string): string;
  historyFile(month: string, caseId: string): string;
  auditFile(month: string): string;
}

/** Partition files are named `YYYY-MM.json`; anything else in those folders is not ours. */
export const MONTH_FILE = /^(\d{4}-\d{2})\.json$/;
export const MONTH_DIR = /^\d{4}-\d{2}$/;

export function storeLayout(root: string): StoreLayout {
  const runsDir = join(root, 'runs');
  const resultsDir = join(root, 'results');
  const historyDir = join(root, 'history');
  const auditDir = join(root, 'audit');
  return {
    root,
    lockFile: join(root, 'lock'),
    stateFile: join(root, 'state.json'),
    runsDir,
    resultsDir,
    historyDir,
    auditDir,
    runsFile: (month) => join(runsDir, `${month}.json`),
    resultsFile: (month, runId) => join(resultsDir, month, `${fileKey(runId)}.json`),
    historyFile: (month, caseId) => join(historyDir, month, `${fileKey(caseId)}.json`),
    auditFile: (month) => join(auditDir, `${month}.json`),
  };
}
