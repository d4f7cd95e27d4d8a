import { describe, expect, it } from 'vitest';
import { diffReportJson } from '../../../src/engine/report/diff-report-json.js';
import { sampleReport } from './diff-report-fixture.js';

describe('diffReportJson', () => {
  it('states the schema version and the report’s settings', () => {
    const json = diffReportJson(sampleReport());

    expect(json).toMatchObject({ schemaVersion: 1, now: '2025-06-01T00:00:00.000Z', alpha: 0.01, window: 5 });
    expect(json.points[1]).toEqual({ label: 'week', kind: 'ago', at: '2025-05-25T00:00:00.000Z', commit: null });
  });

  it('gives every cell every field, null where it does not apply', () => {
    const [, json] = diffReportJson(sampleReport()).cases;

    expect(json!.cells).toEqual([
      {
        point: 'previous',
        mark: 'insufficient',
        reason: null,
        run: { runId: 'r30', commit: `${'c'.repeat(38)}30`, at: '2025-05-30T12:00:00.000Z' },
        ratio: 1.004,
        ciLow: 0.98,
        ciHigh: 1.03,
        pValue: 0.67,
        runs: { latest: 1, point: 5 },
      },
      {
        point: 'week',
        mark: 'regressed',
        reason: null,
        run: { runId: 'r24', commit: `${'c'.repeat(38)}24`, at: '2025-05-24T12:00:00.000Z' },
        ratio: 1.042,
        ciLow: 1.011,
        ciHigh: 1.07,
        pValue: 0.0079,
        runs: { latest: 5, point: 5 },
      },
      { point: 'year', mark: 'no-data', reason: 'too-far-back', run: null, ratio: null, ciLow: null, ciHigh: null, pValue: null, runs: { latest: 0, point: 0 } },
    ]);
  });

  it('survives JSON.stringify unchanged', () => {
    const json = diffReportJson(sampleReport());

    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });

  it('copies nothing the schema does not name', () => {
    const report = sampleReport();
    Object.assign(report.cases[0]!.cells[1]!, { internal: true });
    Object.assign(report.cases[0]!, { sortKey: 3 });

    const [http] = diffReportJson(report).cases;

    expect(Object.keys(http!)).toEqual(['caseId', 'direction', 'threshold', 'unit', 'latest', 'cells']);
    expect(Object.keys(http!.cells[1]!)).toEqual(['point', 'mark', 'reason', 'run', 'ratio', 'ciLow', 'ciHigh', 'pValue', 'runs']);
  });
});
