import { describe, expect, it } from 'vitest';
import type { Message, Modal } from '../../../src/bot/blocks/block-kit.js';
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

  it('reports a block or element whose limits it does not know, rather than passing it unchecked', () => {
    const message: Message = {
      text: 'chart',
      blocks: [
        { type: 'image', image_url: 'https://example.com/chart.png', alt_text: 'chart' },
        { type: 'context', elements: [{ type: 'image', image_url: 'https://example.com/dot.png', alt_text: 'dot' }] },
        { type: 'actions', elements: [{ type: 'static_select', action_id: 'pick', options: [{ text: { type: 'plain_text', text: 'a' }, value: 'a' }] }] },
      ],
    };
    expect(limitViolations(message)).toEqual([
      'block 0 (image): no limits known for image blocks',
      'block 1 (context): no limits known for image elements',
      'block 2 (actions): no limits known for static_select elements',
    ]);
  });

  it('checks a modal\'s title, buttons and callback id', () => {
    const modal: Modal = {
      type: 'modal',
      callback_id: 'c'.repeat(256),
      title: { type: 'plain_text', text: 't'.repeat(25) },
      submit: { type: 'plain_text', text: ' ' },
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'hi' } }],
    };
    expect(limitViolations(modal)).toEqual(['modal title: 25 characters (max 24)', 'modal submit: empty text', 'callback_id too long']);
  });
});
