// A Slack reply that fails after the listener acked has nobody to tell but
// the log: these tests make the local workspace refuse the reply and check
// the failure reaches perflab's logger, saying what was being sent to whom.
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { App } from '@slack/bolt';
import { Authorizer } from '../../../src/bot/authorize.js';
import { investigateModal } from '../../../src/bot/blocks/investigate-modal.js';
import type { BotContext } from '../../../src/bot/bot-context.js';
import { buttonKey } from '../../../src/bot/button-key.js';
import { registerInvestigateView } from '../../../src/bot/listeners/investigate-view.js';
import { registerSlashCommand } from '../../../src/bot/listeners/slash-command.js';
import { logger } from '../../../src/engine/log/logger.js';
import type { Lab } from '../../../src/lab/lab.js';
import type { Scheduler } from '../../../src/triggers/scheduler.js';
import type { Watcher } from '../../../src/triggers/watcher.js';
import { startWorkspaceAndApp } from '../../local-workspace/start-workspace-and-app.js';

const ALICE = 'U0ALICE';
const CHANNEL = 'C0PERFLAB'; // the local workspace's channel

/** What the listeners need; the lab, scheduler and watcher are stand-ins with only what a test gives them. */
function contextFor(app: App, channel: string, lab: Partial<Lab> = {}): BotContext {
  return {
    lab: lab as Lab,
    scheduler: {} as Scheduler,
    watcher: {} as Watcher,
    authorizer: new Authorizer({ users: [], groups: ['S0MAINTAINERS'] }, app.client),
    key: buttonKey(randomBytes(32)),
    channel,
    log: () => undefined,
    track: () => undefined,
  };
}

function spyOnErrors() {
  return vi.spyOn(logger, 'error').mockImplementation(() => undefined);
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('Slack replies that fail are logged', () => {
  it('logs a failed "Sorry, that failed" reply to a slash command, naming the command and the user', async () => {
    const errors = spyOnErrors();
    const { workspace } = await startWorkspaceAndApp((app) => registerSlashCommand(app, contextFor(app, CHANNEL)));
    // `help` asks Slack who the admins are; that fails, and so does the private answer about it.
    workspace.failNext('usergroups.users.list', { slackError: 'fatal_error' });
    workspace.failNext('response_url', { status: 500 });

    await workspace.slashCommand(ALICE, 'help');

    await workspace.waitFor(() => errors.mock.calls.length > 0);
    expect(errors).toHaveBeenCalledWith({ err: expect.any(Error) }, `replying to "/perflab help" for ${ALICE}`);
  });

  it('logs a failed private answer to an Investigate submission, naming the user and the alert', async () => {
    const errors = spyOnErrors();
    const { workspace } = await startWorkspaceAndApp((app) => {
      const investigateAlert: Lab['investigateAlert'] = async () => ({ ok: false, reason: 'not-found' });
      registerInvestigateView(app, contextFor(app, CHANNEL, { investigateAlert }));
      app.command('/perflab', async ({ ack, body, client }) => {
        await ack();
        await client.views.open({ trigger_id: body.trigger_id, view: investigateModal({ alertId: 'al-gone' }) });
      });
    });
    await workspace.slashCommand(ALICE, 'investigate');
    const view = await workspace.waitFor(() => workspace.openViews()[0]);
    workspace.failNext('chat.postEphemeral', { slackError: 'channel_not_found' });

    await workspace.submitView(ALICE, view.id, {});

    await workspace.waitFor(() => errors.mock.calls.length > 0);
    expect(errors).toHaveBeenCalledWith({ err: expect.any(Error) }, `telling ${ALICE} that investigating al-gone changed nothing`);
  });
});
