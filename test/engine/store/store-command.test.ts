// `perflab store compact`, driven through its commander command.
import { InvalidArgumentError } from 'commander';
import { describe, expect, it, vi } from 'vitest';
import { describeCompaction, parseAge, storeCommand } from '../../../src/cli/commands/store.js';
import { openStore } from '../../../src/engine/store/open-store.js';
import { makeResult, makeRun, tempDir } from './helpers/store-fixtures.js';

const DAY = 86_400_000;

async function run(...args: string[]): Promise<string> {
  const printed: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((line: string) => void printed.push(line));
  try {
    await storeCommand().exitOverride().parseAsync(args, { from: 'user' });
  } finally {
    log.mockRestore();
  }
  return printed.join('\n');
}

describe('perflab store compact', () => {
  it('drops samples older than --keep-samples and prints what it freed', async () => {
    const dir = await tempDir();
    const store = await openStore(dir);
    const old = makeRun({ id: 'old', startedAt: new Date(Date.now() - 40 * DAY).toISOString() });
    await store.beginRun(old);
    const recorded = makeResult(old, 'parse/json', 100);
    const samples = Buffer.from(Float32Array.from({ length: 2000 }, (_, i) => 100 + Math.sin(i * 7.3)).buffer).toString('base64');
    await store.recordResults('old', [recorded.result.state === 'ok' ? { ...recorded, result: { ...recorded.result, samples } } : recorded]);
    await store.close();

    const printed = await run('compact', '--keep-samples', '30d', '--store', dir);

    expect(printed).toMatch(/^raw samples recorded before \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC:\n {2}dropped from 1 results; 1 runs' results files rewritten\n {2}those files: [\d.]+ kB → [\d.]+ B, freed [\d.]+ kB$/);
    const reopened = await openStore(dir);
    const [result] = (await reopened.runResults('old')).map((r) => r.result);
    await reopened.close();
    expect(result?.state === 'ok' && result.samples).toBe('');
  });

  it('says so when there is nothing to drop', async () => {
    const dir = await tempDir();

    expect(await run('compact', '--store', dir)).toContain('none left to drop; nothing freed');
  });

  it('shows the default retention as 90d in its help', () => {
    const compact = storeCommand().commands.find((command) => command.name() === 'compact');

    expect(compact?.helpInformation()).toContain('(default: 90d)');
  });
});

describe('parseAge', () => {
  it('reads days, weeks and durations', () => {
    expect([parseAge('90d'), parseAge('2w'), parseAge('36h'), parseAge('0d')]).toEqual([90 * DAY, 14 * DAY, 1.5 * DAY, 0]);
  });

  it('refuses what is not an age, saying what one looks like', () => {
    expect(() => parseAge('soon')).toThrow(InvalidArgumentError);
    expect(() => parseAge('soon')).toThrow('"soon" is not an age (use e.g. 90d, 12w, 36h)');
  });
});

describe('describeCompaction', () => {
  it('mentions history files of an older perflab only when it rewrote some', () => {
    const report = { cutoff: '2024-01-01T00:00:00.000Z', runs: 2, results: 40, bytesBefore: 2_500_000, bytesAfter: 300_000, historyFiles: 7 };

    expect(describeCompaction(report)).toBe(
      [
        'raw samples recorded before 2024-01-01 00:00 UTC:',
        "  dropped from 40 results; 2 runs' results files rewritten",
        '  those files: 2.50 MB → 300 kB, freed 2.20 MB',
        'history: 7 files of an older perflab rewritten as lines (nothing dropped)',
      ].join('\n'),
    );
  });
});
