import { describe, expect, it } from 'vitest';
import type { Message } from '../../../src/bot/blocks/block-kit.js';
import { limitViolations } from '../../../src/bot/blocks/limit-violations.js';

describe('limitViolations', () => {
  it('passes a small valid message', () => {
    expect(limitViolations({ text: 'hi', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'hi' } }] })).toEqual([]);
  });

  it('finds what Slack would refuse', () => {
    const message: Message = {
      text: ' ',
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } },
        { type: 'section', fields: Array.from({ length: 11 }, () => ({ type: 'mrkdwn' as const, text: 'f' })) },
        { type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'b'.repeat(76) }, action_id: 'a', value: 'v'.repeat(2001) }] },
        ...Array.from({ length: 48 }, () => ({ type: 'divider' as const })),
      ],
    };
    const found = limitViolations(message).join('\n');
    expect(found).toContain('51 blocks (max 50)');
    expect(found).toContain('fallback text is empty');
    expect(found).toContain('151 characters (max 150)');
    expect(found).toContain('11 fields (max 10)');
    expect(found).toContain('76 characters (max 75)');
    expect(found).toContain('button value too long');
  });
});
