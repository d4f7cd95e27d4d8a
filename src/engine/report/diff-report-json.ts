// The machine-readable shape of a diff report: `--json` output, CI artifacts,
// pages. Field names are a public contract; add, don't rename. Every field is
// always present (null when it does not apply), so consumers need no guards.
import type { Direction } from '../model.js';
import type { DiffCell, DiffMark } from './diff-cell.js';
import type { DiffReport } from './diff-report.js';
import type { ResolvedVsPoint } from './vs-point.js';

/**
 * A diff report, schema version 1.
 *
 * - `schemaVersion`: 1.
 * - `now`: UTC ISO instant the `ago` points count back from.
 * - `alpha`: two-sided significance level of each cell's Mann–Whitney test;
 *   the CIs are at confidence 1 − alpha.
 * - `window`: runs per side at most.
 * - `points[]`, in column order:
 *   - `label`: `previous`, `day`, `week`, `month`, `year`, a date as written, a ref or a short SHA;
 *   - `kind`: `previous` | `ago` | `date` | `commit`;
 *   - `at`: UTC ISO instant of an `ago` or `date` point (runs at or before it qualify), else null;
 *   - `commit`: full SHA of a `commit` point, else null.
 * - `cases[]`, marked cases first (largest |log ratio| of a marked cell first), then by `caseId`:
 *   - `caseId`, `direction` (`lower` | `higher` is better), `threshold` (relative, 0.03 = 3%);
 *   - `unit`: of `latest.median`, null without an ok result;
 *   - `latest`: `{ runId, commit, at, median }` of the latest ok run, or null;
 *   - `cells[]`, one per point, in `points` order:
 *     - `point`: the point's label;
 *     - `mark`: `regressed` | `improved` (significant at `alpha` and beyond
 *       `threshold` the worse/better way) | `unchanged` | `insufficient` (a
 *       side too small for any result to be significant) | `no-data`;
 *     - `reason`: for `no-data` only, else null: `too-far-back`,
 *       `no-earlier-run`, `commit-not-run`, `no-latest`;
 *     - `run`: `{ runId, commit, at }` of the run matched to the point, null for `no-data`;
 *     - `ratio`: median of the latest side's per-run medians / median of the point side's;
 *     - `ciLow`, `ciHigh`: Hodges–Lehmann confidence interval of the ratio;
 *     - `pValue`: two-sided Mann–Whitney p-value, latest side against point side;
 *       `ratio`, `ciLow`, `ciHigh`, `pValue` are null when a side is empty;
 *     - `runs`: `{ latest, point }`, how many runs each side holds.
 *
 * Each cell can be recomputed from the case's `perflab history --json`
 * (runId, commit, at, median per run): see diff-cell.ts for the windows.
 */
export interface DiffReportJson {
  schemaVersion: 1;
  now: string;
  alpha: number;
  window: number;
  points: { label: string; kind: ResolvedVsPoint['kind']; at: string | null; commit: string | null }[];
  cases: DiffCaseJson[];
}

export interface DiffCaseJson {
  caseId: string;
  direction: Direction;
  threshold: number;
  unit: string | null;
  latest: { runId: string; commit: string | null; at: string; median: number } | null;
  cells: DiffCellJson[];
}

export interface DiffCellJson {
  point: string;
  mark: DiffMark;
  reason: Extract<DiffCell, { mark: 'no-data' }>['reason'] | null;
  run: { runId: string; commit: string | null; at: string } | null;
  ratio: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  pValue: number | null;
  runs: { latest: number; point: number };
}

/** The report in the documented shape; copied field by field so that the report's own types can change without breaking it. */
export function diffReportJson(report: DiffReport): DiffReportJson {
  return {
    schemaVersion: 1,
    now: report.now,
    alpha: report.alpha,
    window: report.window,
    points: report.points.map(({ label, kind, at, commit }) => ({ label, kind, at, commit })),
    cases: report.cases.map((c) => ({
      caseId: c.caseId,
      direction: c.direction,
      threshold: c.threshold,
      unit: c.unit,
      latest: c.latest && { runId: c.latest.runId, commit: c.latest.commit, at: c.latest.at, median: c.latest.median },
      cells: c.cells.map(cellJson),
    })),
  };
}

function cellJson(cell: DiffCell): DiffCellJson {
  return {
    point: cell.point,
    mark: cell.mark,
    reason: cell.mark === 'no-data' ? cell.reason : null,
    run: cell.run && { runId: cell.run.runId, commit: cell.run.commit, at: cell.run.at },
    ratio: cell.ratio,
    ciLow: cell.ciLow,
    ciHigh: cell.ciHigh,
    pValue: cell.pValue,
    runs: { latest: cell.runs.latest, point: cell.runs.point },
  };
}
