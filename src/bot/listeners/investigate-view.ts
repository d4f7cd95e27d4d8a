// The Investigate modal's submission: who takes it and a note. The alert
// becomes `investigating`; the note also goes into the alert's thread.
import type { App } from '@slack/bolt';
import { logError } from '../../engine/log/logger.js';
import { INVESTIGATE_FIELDS, parseInvestigateMetadata } from '../blocks/investigate-modal.js';
import { slackActor, type BotContext } from '../bot-context.js';

export function registerInvestigateView(app: App, ctx: BotContext): void {
  app.view('perflab.investigate', async ({ ack, body, view, client }) => {
    const meta = parseInvestigateMetadata(view.private_metadata);
    if (!meta) {
      await ack({ response_action: 'errors', errors: { [INVESTIGATE_FIELDS.note.blockId]: 'This form was altered; close it and click Investigate again.' } });
      return;
    }
    await ack();
    const values = view.state.values;
    const note = values[INVESTIGATE_FIELDS.note.blockId]?.[INVESTIGATE_FIELDS.note.actionId]?.value ?? '';
    const assignee = values[INVESTIGATE_FIELDS.assignee.blockId]?.[INVESTIGATE_FIELDS.assignee.actionId]?.selected_user ?? undefined;
    const userId = body.user.id;
    const outcome = await ctx.lab.investigateAlert(meta.alertId, slackActor(userId), note, assignee ?? undefined);
    const channel = meta.channel ?? ctx.channel;
    if (!outcome.ok) {
      const why = outcome.reason === 'not-found' ? 'that alert no longer exists' : `it is already ${outcome.alert.state}`;
      await client.chat.postEphemeral({ channel, user: userId, text: `Nothing changed: ${why}.` }).catch((error: unknown) => logError(`telling ${userId} that investigating ${meta.alertId} changed nothing`, error));
      return;
    }
    if (meta.ts) {
      const text = `:mag: <@${userId}> is investigating${assignee && assignee !== userId ? ` with <@${assignee}>` : ''}${note ? `: ${note.slice(0, 2900)}` : '.'}`;
      await client.chat.postMessage({ channel, thread_ts: meta.ts, text }).catch((error: unknown) => logError(`posting ${userId}'s investigation note in the thread of ${meta.alertId}`, error));
    }
  });
}
