import { LocalWorkspaceError, LocalWorkspaceErrorCode } from '../errors.js';
import { blockActionsPayload } from '../socket-mode/payloads.js';
import { findAction } from './find-action.js';
import { requirePerson, type PersonContext } from './person-context.js';

/**
 * A person clicks a button (any element with that action_id) on a message in
 * the channel, in a thread, or on an ephemeral message they can see. Resolves
 * once the app acked the block_actions envelope.
 */
export async function clickButton(context: PersonContext, userId: string, channelId: string, ts: string, actionId: string): Promise<void> {
  const { state, socketMode, responseUrls, urls } = context;
  const user = requirePerson(context, userId);
  const channel = state.directory.resolveChannel(channelId);
  const ephemeral = state.messages.findEphemeral(channelId, ts);
  const message = state.messages.find(channelId, ts)?.message ?? (ephemeral?.visibleTo === userId ? ephemeral : undefined);
  if (!channel || !message) throw new LocalWorkspaceError(LocalWorkspaceErrorCode.NotFound, `no message ${ts} in ${channelId} that ${userId} can see`);
  const found = findAction(message.blocks, actionId);
  if (!found) throw new LocalWorkspaceError(LocalWorkspaceErrorCode.NotFound, `message ${ts} has no element with action_id '${actionId}'`);

  const hookId = responseUrls.create({
    channel: channel.id,
    userId,
    source: { ts: message.ts, ephemeral: message.visibleTo !== undefined },
  });
  const payload = blockActionsPayload({
    identity: state.options.identity,
    channel,
    user,
    message,
    block: found.block,
    element: found.element,
    responseUrl: urls.response(hookId),
    triggerId: state.triggers.issue(userId),
    actionTs: state.nextTs(),
  });
  await socketMode.deliver('interactive', payload);
}
