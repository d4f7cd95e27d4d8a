import { describe, expect, it } from 'vitest';
import { DIGEST_POINTS, digestHeadline, digestKey, digestOf } from '../../../src/engine/report/digest.js';
import { vsPointLabel } from '../../../src/engine/report/vs-point.js';
import { sampleReport } from './diff-report-fixture.js';

describe('digestOf', () => {
  it('keeps only the cases that moved, in the report order (biggest first), and counts them', () => {
    const digest = digestOf(sampleReport());

    expect(digest.report.cases.map((c) => c.caseId)).toEqual(['http|rps', 'json/parse']);
    expect(digest).toMatchObject({ at: '2025-06-01T00:00:00.000Z', cases: 3, regressed: 1, improved: 1, notShown: 0, pattern: null });
  });

  it('lists at most `limit` movers and says how many it left out', () => {
    const digest = digestOf(sampleReport(), { limit: 1 });

    expect(digest.report.cases.map((c) => c.caseId)).toEqual(['http|rps']);
    expect(digest.notShown).toBe(1);
    expect(digest.regressed + digest.improved).toBe(2);
  });

  it('says in one line what moved, or that nothing did', () => {
    expect(digestHeadline(digestOf(sampleReport(), { pattern: 'json' }))).toBe('1 regressed, 1 improved against a previous, week, year ago, of 3 cases matching "json".');
    const still = sampleReport();
    still.cases = still.cases.slice(2);
    expect(digestHeadline(digestOf(still))).toBe('No case moved against a previous, week, year ago (1 case).');
  });

  it('refuses a limit below one', () => {
    expect(() => digestOf(sampleReport(), { limit: 0 })).toThrow(RangeError);
  });
});

describe('DIGEST_POINTS', () => {
  it('are a week, a month and a year ago', () => {
    expect(DIGEST_POINTS.map(vsPointLabel)).toEqual(['week', 'month', 'year']);
  });
});

describe('digestKey', () => {
  it('is the same for the same cases at the same minute, however the instant is written', () => {
    expect(digestKey(null, '2026-12-07T09:00:00.000Z')).toBe(digestKey(null, '2026-12-07T10:00:27+01:00'));
    expect(digestKey(null, '2026-12-07T09:00:00.000Z')).toBe('digest all 2026-12-07T09:00Z');
  });

  it('differs for another tick or other cases', () => {
    expect(digestKey(null, '2026-12-07T09:00:00Z')).not.toBe(digestKey(null, '2026-12-14T09:00:00Z'));
    expect(digestKey('json/*', '2026-12-07T09:00:00Z')).not.toBe(digestKey(null, '2026-12-07T09:00:00Z'));
  });
});
