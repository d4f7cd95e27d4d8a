// Where each thing lives in a store directory (schema version 3). Logs are
// JSON lines, appended to, so recording a run writes the size of the run;
// what is rewritten whole goes through lowdb/steno (temp file + rename).
// Opening reads state.json and lists the month folders, nothing older.
//
//   lock                                 pid of the perflab process using the store
//   state.json                           schemaVersion, current baselines, open and investigating alerts,
//                                        findings, schedules, jobs, watch cursors (rewritten whole)
//   runs/YYYY-MM.jsonl                   a line per run change (begun, finished), by startedAt; a run's last line wins
//   results/YYYY-MM/<run>.json.gz        full results (with samples) of one run, gzipped JSON, written once
//   results/YYYY-MM/samples-dropped.json compaction's mark: no results file of the month has samples left
//   history/YYYY-MM/<case>.jsonl         a line per result of one case, by its recordedAt
//   audit/YYYY-MM.jsonl                  audit events, by their `at` (fsynced: see line-file.ts)
//   alerts/YYYY-MM.jsonl                 alerts once accepted, dismissed or fixed, by createdAt; an alert's last line wins
//   baselines/<case>.jsonl               baselines that a later acceptance replaced, oldest first
//
// Schema version 2 wrote `runs/` and `audit/` as `YYYY-MM.json` documents (the
// migration turns them into lines), and results and history as `.json`
// documents, which are read where they are and never written again.
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
  readonly alertsDir: string;
  readonly baselinesDir: string;
  runsFile(month: string): string;
  resultsFile(month: string, runId: string): string;
  /** Compaction's mark that a month of results has no samples left. */
  resultsMark(month: string): string;
  historyFile(month: string, caseId: string): string;
  auditFile(month: string): string;
  alertsFile(month: string): string;
  baselinesFile(caseId: string): string;
  /** Files as schema version 2 wrote them. */
  readonly v2: {
    runsFile(month: string): string;
    resultsFile(month: string, runId: string): string;
    historyFile(month: string, caseId: string): string;
    auditFile(month: string): string;
  };
}

/** Partition files are named `YYYY-MM.jsonl` (`YYYY-MM.json` in schema 2); anything else in those folders is not ours. */
export const MONTH_LINES_FILE = /^(\d{4}-\d{2})\.jsonl$/;
export const MONTH_FILE = /^(\d{4}-\d{2})\.json$/;
export const MONTH_DIR = /^\d{4}-\d{2}$/;

export function storeLayout(root: string): StoreLayout {
  const runsDir = join(root, 'runs');
  const resultsDir = join(root, 'results');
  const historyDir = join(root, 'history');
  const auditDir = join(root, 'audit');
  const alertsDir = join(root, 'alerts');
  const baselinesDir = join(root, 'baselines');
  return {
    root,
    lockFile: join(root, 'lock'),
    stateFile: join(root, 'state.json'),
    runsDir,
    resultsDir,
    historyDir,
    auditDir,
    alertsDir,
    baselinesDir,
    runsFile: (month) => join(runsDir, `${month}.jsonl`),
    resultsFile: (month, runId) => join(resultsDir, month, `${fileKey(runId)}.json.gz`),
    // fileKey always ends in `-<12 hex digits>`, so no run's file has this name.
    resultsMark: (month) => join(resultsDir, month, 'samples-dropped.json'),
    historyFile: (month, caseId) => join(historyDir, month, `${fileKey(caseId)}.jsonl`),
    auditFile: (month) => join(auditDir, `${month}.jsonl`),
    alertsFile: (month) => join(alertsDir, `${month}.jsonl`),
    baselinesFile: (caseId) => join(baselinesDir, `${fileKey(caseId)}.jsonl`),
    v2: {
      runsFile: (month) => join(runsDir, `${month}.json`),
      resultsFile: (month, runId) => join(resultsDir, month, `${fileKey(runId)}.json`),
      historyFile: (month, caseId) => join(historyDir, month, `${fileKey(caseId)}.json`),
      auditFile: (month) => join(auditDir, `${month}.json`),
    },
  };
}
