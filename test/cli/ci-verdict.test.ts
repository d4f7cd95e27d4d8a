// `perflab ci`'s exit code from a comparison: red, yellow, green, broken.
import { describe, expect, it } from 'vitest';
import { ciVerdict } from '../../src/cli/ci-verdict.js';
import { ExitCode } from '../../src/cli/exit-code.js';
import type { RefComparison } from '../../src/modes/bench/compare-refs.js';
import type { Verdict } from '../../src/engine/model.js';

const report = (...verdicts: Verdict[]) => ({ suiteErrors: [], comparisons: verdicts.map((verdict, i): RefComparison => ({ caseId: `s/c${i}`, verdict, reason: 'test' })) });

describe('ciVerdict', () => {
  it('is yellow (5) when a case could not be settled and none regressed', () => {
    expect(ciVerdict(report('unchanged', 'unstable', 'improved'), false)).toBe(ExitCode.Unsettled);
    expect(ExitCode.Unsettled).toBe(5);
  });

  it('is red (1) on a confirmed regression, unsettled cases or not, and 4 under --warn-only', () => {
    expect(ciVerdict(report('unstable', 'regressed'), false)).toBe(ExitCode.Regression);
    expect(ciVerdict(report('unstable', 'regressed'), true)).toBe(ExitCode.Warning);
  });

  it('is 2 when a case errored, whatever else happened', () => {
    expect(ciVerdict(report('regressed', 'errored'), false)).toBe(ExitCode.UserError);
  });

  it('is green (0) when every case is unchanged, improved or new', () => {
    expect(ciVerdict(report('unchanged', 'improved', 'no-baseline'), false)).toBe(ExitCode.Ok);
  });
});
