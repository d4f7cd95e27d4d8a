import { describe, expect, it } from 'vitest';
import type { SectionBlock } from '@slack/types';
import { runProgress, type RunProgressView } from '../../../src/bot/blocks/run-progress.js';
import { allText, expectWithinLimits } from './fixtures.js';

const base: Omit<RunProgressView, 'progress'> = { jobId: 'j-42', what: 'json', ref: 'main', commit: 'c0ffee1234567890', by: 'U0ADA1234' };
const line = (view: RunProgressView): string => (runProgress(view).blocks[0] as SectionBlock).text?.text ?? '';

describe('runProgress', () => {
  it('says a queued job is next up, or its place in line', () => {
    expect(line({ ...base, progress: { state: 'queued' } })).toBe(':hourglass_flowing_sand: Queued `json` @main (`c0ffee1234`) — next up');
    expect(line({ ...base, progress: { state: 'queued', position: 3 } })).toMatch(/— 3rd in line$/);
  });

  it('counts cases while running, with a bar', () => {
    expect(line({ ...base, progress: { state: 'running', caseIndex: 3, caseCount: 10, caseId: 'json/parse 1MB' } })).toBe(
      ':stopwatch: Running `json` @main (`c0ffee1234`) — case 3 of 10: `json/parse 1MB`\n`▓▓▓░░░░░░░ 30%`',
    );
  });

  it('keeps the bar sane when the counts are not', () => {
    expect(line({ ...base, progress: { state: 'running', caseIndex: 12, caseCount: 10 } })).toContain('case 10 of 10');
    expect(line({ ...base, progress: { state: 'running', caseIndex: 0, caseCount: 0 } })).toContain('`░░░░░░░░░░ 0%`');
  });

  it('explains what confirming means', () => {
    expect(line({ ...base, progress: { state: 'confirming', suspects: 2 } })).toContain('Confirming 2 suspects for `json` @main (`c0ffee1234`): re-running old and new code side by side');
    // Every changed commit's cases are screened on pairs, so without a count of suspects nothing is called one.
    expect(line({ ...base, progress: { state: 'confirming', caseId: 'json/parse' } })).toBe(':mag: Measuring old and new code side by side for `json` @main (`c0ffee1234`) (`json/parse`)');
  });

  it('sums up a finished run in one line', () => {
    const view: RunProgressView = { ...base, progress: { state: 'done', counts: { unchanged: 9, regressed: 1, improved: 2 }, elapsedMs: 138_000 } };
    expect(line(view)).toBe(':small_red_triangle: Done `json` @main (`c0ffee1234`) in 138.0 s: 12 cases · 1 slower · 2 faster · 9 unchanged');
    expect(allText(runProgress(view))).toContain('details in the thread');
  });

  it('offers cancel only while the job can still be cancelled', () => {
    expect(allText(runProgress({ ...base, progress: { state: 'running', caseIndex: 1, caseCount: 2 } }))).toContain('`/perflab cancel j-42`');
    expect(allText(runProgress({ ...base, progress: { state: 'done', counts: {} } }))).not.toContain('/perflab cancel');
  });

  it('shows failures and cancellations with who and why', () => {
    expect(line({ ...base, progress: { state: 'failed', error: 'git fetch failed: <timeout>' } })).toBe(':x: `json` @main (`c0ffee1234`) failed: git fetch failed: &lt;timeout&gt;');
    expect(line({ ...base, progress: { state: 'cancelled', by: 'U0BOB12345' } })).toBe(':no_entry_sign: Cancelled `json` @main (`c0ffee1234`) by <@U0BOB12345>');
  });

  it('always sets a notification text and stays within limits, whatever it is given', () => {
    const huge = '<&>`'.repeat(3000);
    const states: RunProgressView['progress'][] = [
      { state: 'queued', position: 1e9 },
      { state: 'running', caseIndex: 5, caseCount: 7, caseId: huge },
      { state: 'confirming', caseId: huge },
      { state: 'done', counts: { errored: 3 }, elapsedMs: NaN },
      { state: 'failed', error: huge },
      { state: 'cancelled', by: huge },
    ];
    for (const progress of states) {
      const message = runProgress({ jobId: huge, what: huge, ref: huge, commit: huge, by: huge, progress });
      expect(message.text.length).toBeGreaterThan(0);
      expectWithinLimits(message);
    }
  });
});
