import { LocalWorkspaceError, LocalWorkspaceErrorCode } from '../errors.js';
import { slashCommandPayload } from '../socket-mode/payloads.js';
import type { Message } from '../types.js';
import { requirePerson, type PersonContext } from './person-context.js';

/** Slack's own user, who tells people that a command failed. */
export const SLACKBOT_USER_ID = 'USLACKBOT';

/** What Slack tells the person when the app is not there or too slow. */
const SLACK_ERRORS: Partial<Record<LocalWorkspaceErrorCode, string>> = {
  [LocalWorkspaceErrorCode.DispatchFailed]: 'dispatch_failed',
  [LocalWorkspaceErrorCode.AckTimeout]: 'operation_timeout',
};

/**
 * A person types `/perflab <text>` in the channel: a slash_commands envelope
 * goes to the app, and whatever its ack carries is shown — as an ephemeral,
 * or in the channel when `response_type` is 'in_channel'. When no app is
 * connected or the ack is late, the person sees Slack's error message and
 * the promise rejects with the same code.
 */
export async function slashCommand(
  context: PersonContext,
  userId: string,
  text: string,
  command = '/perflab',
): Promise<{ ephemeral: Message[] }> {
  const { state, socketMode, responseUrls, urls } = context;
  const user = requirePerson(context, userId);
  const { channel } = state.directory;
  const hookId = responseUrls.create({ channel: channel.id, userId });
  const payload = slashCommandPayload({
    identity: state.options.identity,
    channel,
    user,
    command,
    text,
    responseUrl: urls.response(hookId),
    triggerId: state.triggers.issue(userId),
  });

  let ack: Record<string, unknown>;
  try {
    ack = await socketMode.deliver('slash_commands', payload);
  } catch (error) {
    const slackError = error instanceof LocalWorkspaceError ? SLACK_ERRORS[error.code] : undefined;
    if (slackError) {
      state.messages.postEphemeral(channel.id, userId, { user: SLACKBOT_USER_ID }, {
        text: `${command} failed with the error "${slackError}"`,
      });
    }
    throw error;
  }

  const hasMessage = ['text', 'blocks', 'attachments'].some((field) => ack[field] !== undefined);
  const shown = hasMessage ? responseUrls.apply(hookId, ack) : undefined;
  return { ephemeral: shown?.visibleTo ? [structuredClone(shown)] : [] };
}
