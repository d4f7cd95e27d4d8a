// What `perflab ci`'s exit code says about a comparison (README "Exit
// codes"): a suite or case that could not run is the build's fault (2); a
// confirmed regression is red (1, or 4 under --warn-only); a case screening
// flagged that confirmation could not settle is yellow (5); else green.
import type { CompareRefsReport } from '../modes/bench/compare-refs.js';
import { ExitCode } from './exit-code.js';

export function ciVerdict(report: Pick<CompareRefsReport, 'comparisons' | 'suiteErrors'>, warnOnly: boolean): ExitCode {
  if (report.suiteErrors.length > 0 || report.comparisons.some((c) => c.verdict === 'errored')) return ExitCode.UserError;
  if (report.comparisons.some((c) => c.verdict === 'regressed')) return warnOnly ? ExitCode.Warning : ExitCode.Regression;
  if (report.comparisons.some((c) => c.verdict === 'unstable')) return ExitCode.Unsettled;
  return ExitCode.Ok;
}
