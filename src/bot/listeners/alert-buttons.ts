// The buttons on an alert. Each click: ack first, check the button is one of
// ours (signed), check who clicked may do it, then one atomic change through
// the lab. The lab's outbox rewrites the alert message; refusals are private.
import type { App, BlockButtonAction } from '@slack/bolt';
import type { AlertActionOutcome } from '../../lab/lab.js';
import { ACTION_ID, parseButtonValue, type AlertAction } from '../blocks/button-value.js';
import { investigateModal } from '../blocks/investigate-modal.js';
import { slackActor, type BotContext } from '../bot-context.js';

type WebClient = App['client'];

const PAST: Record<string, string> = { accepted: 'accepted', dismissed: 'dismissed', investigating: 'being investigated', fixed: 'marked fixed', open: 'open' };
/** The buttons only admins may use, with what the refusal says they do. */
const ADMIN_ONLY: Partial<Record<AlertAction, string>> = { accept: 'accept alerts', dismiss: 'dismiss alerts', known: 'mark findings as known' };

export function registerAlertButtons(app: App, ctx: BotContext): void {
  const pattern = new RegExp(`^(${Object.values(ACTION_ID).map((id) => id.replace('.', '\\.')).join('|')})$`);
  app.action<BlockButtonAction>(pattern, async ({ ack, body, action, client }) => {
    await ack();
    const userId = body.user.id;
    const channel = body.channel?.id ?? body.container.channel_id ?? ctx.channel;
    const whisper = (text: string) => client.chat.postEphemeral({ channel, user: userId, text }).catch((error: unknown) => ctx.log('ephemeral failed', error));
    const actor = slackActor(userId);

    const parsed = parseButtonValue(action.value, ctx.key.verify);
    const clicked = Object.entries(ACTION_ID).find(([, id]) => id === action.action_id)?.[0];
    if (!parsed.ok || parsed.payload.action !== clicked) {
      await ctx.lab.audit({ kind: 'button', by: actor }, 'button.rejected', { actionId: action.action_id, reason: parsed.ok ? 'action-mismatch' : parsed.reason });
      await whisper("That button isn't one perflab made (or it was altered), so nothing changed.");
      return;
    }
    const { alertId, action: what } = parsed.payload;
    const adminOnly = ADMIN_ONLY[what];
    if (adminOnly && !(await ctx.authorizer.mayAct(userId))) {
      await ctx.lab.audit({ kind: 'button', by: actor }, 'button.refused', { alertId, action: what });
      await whisper(`Only perflab admins may ${adminOnly}. Ask one of them, or \`/perflab help\` for what you can do.`);
      return;
    }
    try {
      switch (what) {
        case 'accept':
          return void (await explain(await ctx.lab.acceptAlert(alertId, actor, `accepted in Slack by <@${userId}>`), whisper));
        case 'dismiss':
          return void (await explain(await ctx.lab.dismissAlert(alertId, actor), whisper));
        case 'known':
          return void (await explain(await ctx.lab.markAlertKnown(alertId, actor), whisper));
        case 'investigate':
          return void (await openInvestigation(ctx, client, body, alertId, userId, whisper));
        case 'rerun': {
          const job = await ctx.lab.rerunAlert(alertId, actor);
          await whisper(job ? `Re-running as job \`${job.id}\`; \`/perflab status\` shows it.` : 'That alert no longer exists, so there is nothing to re-run.');
          return;
        }
      }
    } catch (error) {
      ctx.log(`button ${what} on ${alertId} failed`, error);
      await whisper(`Sorry, that failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
}

async function explain(outcome: AlertActionOutcome, whisper: (text: string) => Promise<unknown>): Promise<void> {
  if (outcome.ok) return;
  if (outcome.reason === 'not-found') await whisper('That alert no longer exists (the button is stale); nothing changed.');
  else if (outcome.reason === 'wrong-state') await whisper(`Already ${outcome.alert.kind === 'finding' && outcome.alert.state === 'accepted' ? 'marked as known' : (PAST[outcome.alert.state] ?? outcome.alert.state)} by ${who(outcome.alert.stateBy)}; nothing changed.`);
  else await whisper(`Nothing changed: ${outcome.message}.`);
}

async function openInvestigation(ctx: BotContext, client: WebClient, body: BlockButtonAction, alertId: string, userId: string, whisper: (text: string) => Promise<unknown>): Promise<void> {
  const alert = await ctx.lab.alert(alertId);
  if (!alert) return void (await whisper('That alert no longer exists (the button is stale); nothing changed.'));
  if (alert.state === 'accepted' || alert.state === 'dismissed') return void (await whisper(`Already ${PAST[alert.state]} by ${who(alert.stateBy)}; nothing to investigate.`));
  // The message clicked is the alert's; the outbox may not have recorded it yet.
  const clickedTs = body.container.message_ts ?? body.message?.ts;
  const clickedChannel = body.channel?.id ?? body.container.channel_id;
  const message = clickedTs && clickedChannel ? { channel: clickedChannel, ts: clickedTs } : alert.delivery?.channel && alert.delivery.ts ? { channel: alert.delivery.channel, ts: alert.delivery.ts } : undefined;
  await client.views.open({
    trigger_id: body.trigger_id,
    view: investigateModal({ alertId, caseIds: alert.caseIds, assignee: userId, ...(message ? { message } : {}) }),
  });
}

function who(actor: string | undefined): string {
  if (!actor) return 'someone';
  return actor.startsWith('slack:') ? `<@${actor.slice('slack:'.length)}>` : actor;
}
