// The modal the Investigate button opens (`views.open`): who looks into it
// and a note. `private_metadata` carries the alert id and, when known, the
// alert message, so the submit handler can update it without a lookup.
import { LIMITS, type Modal } from './block-kit.js';
import { plain, section } from './block-builders.js';
import { escapeMrkdwn } from './escape-mrkdwn.js';
import { isSlackUserId } from './format-actor.js';
import { plural } from './plural.js';
import { oneLine, truncate } from './truncate.js';

export const INVESTIGATE_CALLBACK_ID = 'perflab.investigate';

/** Where the submitted values are: `view.state.values[blockId][actionId]`. */
export const INVESTIGATE_FIELDS = {
  note: { blockId: 'perflab.investigate.note', actionId: 'note' },
  assignee: { blockId: 'perflab.investigate.assignee', actionId: 'assignee' },
} as const;

export interface InvestigateModalInput {
  alertId: string;
  /** Shown at the top so the person knows which alert they are taking. */
  headline?: string;
  caseIds?: readonly string[];
  /** The alert message to update after submit. */
  message?: { channel: string; ts: string };
  /** Pre-selected assignee, usually whoever clicked (a Slack user id). */
  assignee?: string;
}

export interface InvestigateMetadata {
  alertId: string;
  v: 1;
  channel?: string;
  ts?: string;
}

export function investigateModal(input: InvestigateModalInput): Modal {
  const metadata: InvestigateMetadata = { alertId: input.alertId, v: 1, ...(input.message ? { channel: input.message.channel, ts: input.message.ts } : {}) };
  const cases = input.caseIds ?? [];
  const shown = cases.slice(0, 5).map((id) => `• ${escapeMrkdwn(truncate(oneLine(id), 120))}`);
  if (cases.length > 5) shown.push(`…and ${plural(cases.length - 5, 'more case', 'more cases')}`);
  const about = [`*${escapeMrkdwn(truncate(oneLine(input.headline ?? 'Alert'), 150))}*`, ...shown].join('\n');
  return {
    type: 'modal',
    callback_id: INVESTIGATE_CALLBACK_ID,
    title: plain('Investigate', LIMITS.modalTitle),
    submit: plain('Take it', LIMITS.modalButton),
    close: plain('Cancel', LIMITS.modalButton),
    private_metadata: JSON.stringify(metadata),
    blocks: [
      section(about),
      {
        type: 'input',
        block_id: INVESTIGATE_FIELDS.assignee.blockId,
        label: plain('Who is looking into it'),
        element: {
          type: 'users_select',
          action_id: INVESTIGATE_FIELDS.assignee.actionId,
          ...(input.assignee && isSlackUserId(input.assignee) ? { initial_user: input.assignee } : {}),
          placeholder: plain('Pick a person', LIMITS.placeholder),
        },
      },
      {
        type: 'input',
        block_id: INVESTIGATE_FIELDS.note.blockId,
        optional: true,
        label: plain('Note'),
        hint: plain('What you suspect or will check first. Shown under the alert.'),
        element: {
          type: 'plain_text_input',
          action_id: INVESTIGATE_FIELDS.note.actionId,
          multiline: true,
          max_length: LIMITS.plainTextInputMax,
          placeholder: plain('e.g. probably the new parser; bisecting', LIMITS.placeholder),
        },
      },
    ],
  };
}

/** Reads `private_metadata` back; undefined for anything that is not ours. Never throws. */
export function parseInvestigateMetadata(text: unknown): InvestigateMetadata | undefined {
  if (typeof text !== 'string' || text.length > LIMITS.privateMetadata) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof data !== 'object' || data === null) return undefined;
  const { alertId, v, channel, ts } = data as Record<string, unknown>;
  if (typeof alertId !== 'string' || alertId.length === 0 || v !== 1) return undefined;
  return { alertId, v: 1, ...(typeof channel === 'string' && typeof ts === 'string' ? { channel, ts } : {}) };
}
