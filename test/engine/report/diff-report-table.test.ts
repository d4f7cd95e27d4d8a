import { describe, expect, it } from 'vitest';
import { diffReportTable } from '../../../src/engine/report/diff-report-table.js';
import { sampleReport } from './diff-report-fixture.js';

/** The table's row for a case, split into trimmed cells. */
function row(table: string, caseId: string): string[] {
  const line = table.split('\n').find((l) => l.includes(caseId));
  if (!line) throw new Error(`no row for ${caseId} in\n${table}`);
  return line.split('│').slice(1, -1).map((cell) => cell.trim());
}

describe('diffReportTable', () => {
  it('heads the columns case, latest, then vs each point', () => {
    const table = diffReportTable(sampleReport(), { color: false });

    expect(row(table, 'case')).toEqual(['case', 'latest', 'vs previous', 'vs week', 'vs year']);
  });

  it('shows each change with its interval, and ▲ or ▼ only on marked cells', () => {
    const table = diffReportTable(sampleReport(), { color: false });

    expect(row(table, 'json/parse')).toEqual(['json/parse', '1.23 µs', '+0.4% (too few runs)', '+4.2% (+1.1…+7.0) ▲', 'no data that far back']);
  });

  it('says in words when nothing ran since the point and when a case has no ok result', () => {
    const table = diffReportTable(sampleReport(), { color: false });

    expect(row(table, 'http')).toContain('no run since');
    expect(row(table, 'never/ran')).toEqual(['never/ran', '—', 'no ok result', 'no ok result', 'no ok result']);
  });

  it('points the arrow the way the number moved and says when higher is better', () => {
    const table = diffReportTable(sampleReport(), { color: false });

    expect(row(table, 'http')).toEqual(['http|rps (higher is better)', '5200 req/s', 'no run since', '+20.0% (+10.0…+30.0) ▲', '-1.0% (-5.0…+2.0)']);
  });

  it('colours regressed cells red and improved ones green when asked to', () => {
    const table = diffReportTable(sampleReport(), { color: true });

    expect(table).toContain('\u001b[31m+4.2% (+1.1…+7.0) ▲\u001b[39m');
    expect(table).toContain('\u001b[32m+20.0% (+10.0…+30.0) ▲\u001b[39m');
  });

  it('prints no escape codes without colour', () => {
    expect(diffReportTable(sampleReport(), { color: false })).not.toContain('\u001b[');
  });

  it('ends with a legend naming α, the window and what each point stood for', () => {
    const table = diffReportTable(sampleReport(), { color: false });

    expect(table).toContain('α = 0.01');
    expect(table).toContain('up to 5 runs');
    expect(table).toContain('99% confidence interval');
    expect(table).toContain('week = the last run at or before 2025-05-25 00:00 UTC');
  });
});
