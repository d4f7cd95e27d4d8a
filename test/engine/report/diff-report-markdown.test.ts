import { describe, expect, it } from 'vitest';
import { diffReportMarkdown } from '../../../src/engine/report/diff-report-markdown.js';
import { linkCell } from '../../../src/engine/report/markdown-cell.js';
import { sampleReport } from './diff-report-fixture.js';

function tableRows(markdown: string): string[] {
  return markdown.split('\n').filter((line) => line.startsWith('| '));
}

describe('diffReportMarkdown', () => {
  it('leads with how many cases regressed and improved', () => {
    const markdown = diffReportMarkdown(sampleReport());

    expect(markdown).toContain('**1 case(s) regressed**, 1 improved — 3 case(s), latest results against previous, week, year.');
  });

  it('names a marked cell regressed or improved in words, since Markdown has no colours', () => {
    const [, , http, json] = tableRows(diffReportMarkdown(sampleReport()));

    expect(json).toContain('| **+4.2% (+1.1…+7.0)** ▲ regressed |');
    expect(http).toContain('| **+20.0% (+10.0…+30.0)** ▲ improved |');
  });

  it('says "no data that far back" in words', () => {
    const [, , , json] = tableRows(diffReportMarkdown(sampleReport()));

    expect(json).toContain('| _no data that far back_ |');
  });

  it('links case names when linkFor gives a page, and escapes the pipe a name may hold', () => {
    const markdown = diffReportMarkdown(sampleReport(), { linkFor: (caseId) => (caseId === 'never/ran' ? undefined : `https://perf.example/c/${caseId}`) });

    const [, , http, json, never] = tableRows(markdown);
    expect(json).toMatch(/^\| \[json\/parse\]\(https:\/\/perf\.example\/c\/json\/parse\) \| 1\.23 µs \|/);
    expect(http).toMatch(/^\| \[http\\\|rps\]\(https:\/\/perf\.example\/c\/http%7Crps\) \(higher is better\) \|/);
    expect(never).toMatch(/^\| never\/ran \| — \|/);
  });

  it('keeps every row as wide as the header', () => {
    const rows = tableRows(diffReportMarkdown(sampleReport()));

    const cells = (line: string) => line.split(/(?<!\\)\|/).length;
    expect(new Set(rows.map(cells))).toEqual(new Set([cells(rows[0]!)]));
  });

  it('ends with a legend: α, the interval, and the instant each point stood for', () => {
    const markdown = diffReportMarkdown(sampleReport());

    expect(markdown).toContain('α = 0.01');
    expect(markdown).toContain('99% confidence interval');
    expect(markdown).toContain('year = the last run at or before 2024-06-01 00:00 UTC');
  });
});

describe('linkCell', () => {
  it('percent-encodes what would end the link or the cell: parentheses, spaces and pipes', () => {
    expect(linkCell('a [b]', 'https://x.example/p (1)|2')).toBe('[a \\[b\\]](https://x.example/p%20%281%29%7C2)');
  });

  it('gives the escaped text alone without a URL', () => {
    expect(linkCell('a|b', undefined)).toBe('a\\|b');
  });
});
