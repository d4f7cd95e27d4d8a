import { appendFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OpenLinesFiles, pickHistoryLines, type LinePick } from '../../../src/engine/store/pick-history-lines.js';

const MINUTE = 60_000;
const start = Date.parse('2024-03-01T00:00:00.000Z');
const at = (i: number) => new Date(start + i * MINUTE).toISOString();
const line = (i: number, machine = 'ci-1') => `${JSON.stringify({ runId: `r${i}`, commit: 'c0ffee', machine, at: at(i), state: 'ok', median: i, inWindow: true })}\n`;

/** A month file of `count` lines a minute apart (~110 bytes each, so 2 000 lines are past the size where reads seek). */
function monthFile(count: number, machineOf: (i: number) => string = () => 'ci-1'): string {
  const file = join(mkdtempSync(join(tmpdir(), 'perflab-pick-')), 'case.jsonl');
  writeFileSync(file, Array.from({ length: count }, (_, i) => line(i, machineOf(i))).join(''));
  return file;
}

const runIds = (records: unknown[]) => records.map((r) => (r as { runId: string }).runId);
/** What a pick must give: the same selection made from every line. */
function expected(count: number, pick: Omit<LinePick, 'accept'>, machineOf: (i: number) => string = () => 'ci-1', machine = 'ci-1'): string[] {
  const all = Array.from({ length: count }, (_, i) => i).filter((i) => machineOf(i) === machine && (pick.since === undefined || at(i) >= pick.since) && (pick.until === undefined || at(i) <= pick.until));
  const kept = pick.oldest ? all.slice(0, pick.take) : all.slice(Math.max(0, all.length - pick.take));
  return kept.map((i) => `r${i}`);
}

describe('pickHistoryLines', () => {
  const count = 2000;
  const machineOf = (i: number) => (i % 3 === 0 ? 'arm-2' : 'ci-1');
  const file = monthFile(count, machineOf);
  const accept = (record: unknown) => (record as { machine: string }).machine === 'ci-1';

  const picks = [
    { until: at(1234), take: 7, oldest: false },
    { until: at(1234) + 'x', take: 7, oldest: false }, // between two lines
    { since: at(1234), take: 7, oldest: true },
    { since: at(0), take: 7, oldest: true },
    { until: at(2), take: 7, oldest: false }, // fewer than asked for
    { since: at(1998), take: 7, oldest: true },
    { take: 9, oldest: false },
    { take: 9, oldest: true },
    { until: at(1500), take: 400, oldest: false }, // more than the first read holds
    { until: new Date(start - MINUTE).toISOString(), take: 5, oldest: false },
    { since: at(5000), take: 5, oldest: true },
  ];

  it.each(picks)('in a large file in time order, picks what a scan of every line would: %o', (pick) => {
    expect(runIds(pickHistoryLines(file, { ...pick, accept }))).toEqual(expected(count, pick, machineOf));
  });

  it('picks the same when the picks share one open file and start from what earlier searches found', () => {
    const files = new OpenLinesFiles();
    try {
      // Twice over, so that every pick also runs after all the others have searched.
      for (const pick of [...picks, ...picks, { since: at(1234), take: 7, oldest: true }, { until: at(1233), take: 7, oldest: false }]) {
        expect(runIds(pickHistoryLines(file, { ...pick, accept }, files))).toEqual(expected(count, pick, machineOf));
      }
      expect(files.size).toBe(1);
    } finally {
      files.close();
    }
  });

  it('in a shared open file, still reads the whole file when the lines are out of time order', () => {
    const shuffled = monthFile(count);
    appendFileSync(shuffled, line(1997.5));
    const files = new OpenLinesFiles();
    try {
      expect(runIds(pickHistoryLines(shuffled, { until: at(1500), take: 2, oldest: false, accept: () => true }, files))).toEqual(['r1499', 'r1500']);
      expect(runIds(pickHistoryLines(shuffled, { take: 3, oldest: false, accept: () => true }, files))).toEqual(['r1997.5', 'r1998', 'r1999']);
    } finally {
      files.close();
    }
  });

  it('reads the whole file when the lines it reads are out of time order (a clock stepped back)', () => {
    const shuffled = monthFile(count);
    appendFileSync(shuffled, line(1997.5)); // appended last, between r1997 and r1998 in time
    const got = runIds(pickHistoryLines(shuffled, { take: 3, oldest: false, accept: () => true }));
    expect(got).toEqual(['r1997.5', 'r1998', 'r1999']);
  });

  it('drops a torn last line', () => {
    const torn = monthFile(count);
    appendFileSync(torn, line(count).slice(0, 40));
    expect(runIds(pickHistoryLines(torn, { take: 2, oldest: false, accept: () => true }))).toEqual([`r${count - 2}`, `r${count - 1}`]);
  });
});
