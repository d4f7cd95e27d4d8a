import { describe, expect, it } from 'vitest';
import type { SectionBlock } from '@slack/types';
import { statusMessage, type JobView } from '../../../src/bot/blocks/status-message.js';
import { allText, expectWithinLimits } from './fixtures.js';

const job = (id: string, state: JobView['state'], since = '2024-05-01T12:00:00.000Z'): JobView => ({ id, state, what: 'bench json/* @main', who: 'slack:U0ADA1234', since });

describe('statusMessage', () => {
  it('lists running jobs before queued ones, each with id, state, what, who and since', () => {
    const message = statusMessage([job('j-2', 'queued'), job('j-1', 'running')]);
    const lines = (message.blocks[1] as SectionBlock).text?.text.split('\n') ?? [];
    expect(lines[0]).toBe(':stopwatch: `j-1` *running* since <!date^1714564800^{date_short_pretty} at {time}|2024-05-01 12:00 UTC> — <@U0ADA1234> — bench json/* @main');
    expect(lines[1]).toMatch(/^:hourglass_flowing_sand: `j-2` \*queued\*/);
    expect(message.text).toBe('perflab: 1 running, 1 queued');
  });

  it('says when nothing is going on', () => {
    const message = statusMessage([]);
    expect(message.text).toBe('Nothing queued or running');
    expect(allText(message)).toContain('`/perflab run all`');
  });

  it('caps a long queue and counts the rest, within limits', () => {
    const jobs = Array.from({ length: 500 }, (_, i) => ({ ...job(`j-${i}`, i % 3 ? 'queued' : 'running'), what: '<&>'.repeat(500), who: 'x'.repeat(500) }));
    const message = statusMessage(jobs);
    expectWithinLimits(message);
    expect(allText(message)).toContain('…and 470 more jobs');
  });
});
