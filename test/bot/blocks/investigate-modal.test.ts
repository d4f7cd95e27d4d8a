import { describe, expect, it } from 'vitest';
import type { InputBlock } from '@slack/types';
import { INVESTIGATE_CALLBACK_ID, INVESTIGATE_FIELDS, investigateModal, parseInvestigateMetadata } from '../../../src/bot/blocks/investigate-modal.js';
import { expectWithinLimits } from './fixtures.js';

describe('investigateModal', () => {
  const view = investigateModal({ alertId: 'al-1', headline: 'Performance regression in 2 cases', caseIds: ['json/parse 1MB', 'json/stringify'], message: { channel: 'C0PERF', ts: '1714564800.000100' }, assignee: 'U0ADA1234' });

  it('is a modal the bot recognises on submit', () => {
    expect(view.type).toBe('modal');
    expect(view.callback_id).toBe(INVESTIGATE_CALLBACK_ID);
    expect(view.callback_id).toBe('perflab.investigate');
  });

  it('carries the alert id and the alert message in private_metadata', () => {
    expect(parseInvestigateMetadata(view.private_metadata)).toEqual({ alertId: 'al-1', v: 1, channel: 'C0PERF', ts: '1714564800.000100' });
  });

  it('asks for an assignee (the clicker by default) and an optional multiline note', () => {
    const inputs = view.blocks.filter((b): b is InputBlock => b.type === 'input');
    const assignee = inputs.find((b) => b.block_id === INVESTIGATE_FIELDS.assignee.blockId);
    const note = inputs.find((b) => b.block_id === INVESTIGATE_FIELDS.note.blockId);
    expect(assignee?.element).toMatchObject({ type: 'users_select', action_id: 'assignee', initial_user: 'U0ADA1234' });
    expect(assignee?.optional).toBeUndefined();
    expect(note?.element).toMatchObject({ type: 'plain_text_input', action_id: 'note', multiline: true, max_length: 3000 });
    expect(note?.optional).toBe(true);
  });

  it('stays within limits whatever it shows', () => {
    expectWithinLimits(view);
    expectWithinLimits(investigateModal({ alertId: 'a'.repeat(100), headline: '<'.repeat(5000), caseIds: Array.from({ length: 500 }, () => 'x'.repeat(500)) }));
  });

  it('refuses metadata that is not its own', () => {
    for (const bad of [undefined, '', 'x', '{}', '{"alertId":1,"v":1}', '{"alertId":"a","v":2}', 'null', 'a'.repeat(4000)]) {
      expect(parseInvestigateMetadata(bad)).toBeUndefined();
    }
  });
});
