import type { App } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import type { Block } from '../../src/local-workspace/index.js';
import { openModalOnCommand, startWorkspaceAndApp } from './start-workspace-and-app.js';

const ALICE = 'U0ALICE';
const BOB = 'U0BOB';

const alertBlocks: Block[] = [
  { type: 'header', text: { type: 'plain_text', text: 'Regression in parse/large' } },
  { type: 'section', text: { type: 'mrkdwn', text: '*+12.3%* slower than baseline' } },
  {
    type: 'actions',
    block_id: 'alert-actions',
    elements: [{ type: 'button', action_id: 'accept', text: { type: 'plain_text', text: 'Accept as new baseline' }, value: 'alert:42', style: 'primary' }],
  },
];

describe('the real Bolt app against the local workspace', () => {
  it('receives a slash command and can say, update, reply in the thread and respond privately', async () => {
    const { workspace } = await startWorkspaceAndApp((app) => {
      app.command('/perflab', async ({ ack, say, respond, client, command }) => {
        await ack();
        const posted = await say({ text: `Running ${command.text}…` });
        await client.chat.update({ channel: command.channel_id, ts: posted.ts ?? '', text: `Ran ${command.text}` });
        await client.chat.postMessage({ channel: command.channel_id, thread_ts: posted.ts ?? '', text: 'details' });
        await respond({ text: 'Only you can see this' });
      });
    });

    await workspace.slashCommand(ALICE, 'run parse');

    const [message] = await workspace.waitFor(() => {
      const messages = workspace.messages();
      return messages[0]?.replies.length === 1 && workspace.ephemerals(ALICE).length === 1 && messages;
    });
    expect(message).toMatchObject({ text: 'Ran run parse', user: workspace.botUserId, bot_id: workspace.botId, reply_count: 1 });
    expect(message?.edited).toBeDefined();
    expect(message?.replies[0]).toMatchObject({ text: 'details', thread_ts: message?.ts });
    expect(workspace.ephemerals(ALICE)[0]?.text).toBe('Only you can see this');
    expect(workspace.ephemerals(BOB)).toEqual([]);
  });

  it('shows an ack with text privately to the person who typed the command', async () => {
    const { workspace } = await startWorkspaceAndApp((app) => {
      app.command('/perflab', async ({ ack }) => ack('Queued: compare main my-branch'));
    });

    const { ephemeral } = await workspace.slashCommand(BOB, 'compare main my-branch');

    expect(ephemeral.map((m) => m.text)).toEqual(['Queued: compare main my-branch']);
    expect(workspace.ephemerals(BOB)).toHaveLength(1);
    expect(workspace.messages()).toEqual([]);
  });

  it('posts an ack with response_type in_channel in the channel', async () => {
    const { workspace } = await startWorkspaceAndApp((app) => {
      app.command('/perflab', async ({ ack }) => ack({ response_type: 'in_channel', text: 'Everyone sees this' }));
    });

    const { ephemeral } = await workspace.slashCommand(ALICE, 'status');

    expect(ephemeral).toEqual([]);
    expect(workspace.messages().map((m) => m.text)).toEqual(['Everyone sees this']);
  });

  it('delivers a button click to app.action with the message, the value and a response_url that can replace it', async () => {
    const clicks: unknown[] = [];
    const { workspace } = await startWorkspaceAndApp((app: App) => {
      app.command('/perflab', async ({ ack, say }) => {
        await ack();
        await say({ text: 'Regression in parse/large', blocks: alertBlocks });
      });
      app.action('accept', async ({ ack, body, action, respond }) => {
        await ack();
        clicks.push({ body, action });
        await respond({ replace_original: true, text: `Accepted by <@${body.user.id}>` });
      });
    });
    await workspace.slashCommand(ALICE, 'run');
    const alert = await workspace.waitFor(() => workspace.messages()[0]);

    await workspace.clickButton(ALICE, workspace.channel, alert.ts, 'accept');

    const replaced = await workspace.waitFor(() => workspace.messages().find((m) => m.text.startsWith('Accepted')));
    expect(replaced).toMatchObject({ ts: alert.ts, text: `Accepted by <@${ALICE}>` });
    expect(replaced.blocks).toBeUndefined();
    expect(clicks[0]).toMatchObject({
      body: {
        type: 'block_actions',
        user: { id: ALICE, username: 'alice' },
        team: { id: workspace.teamId },
        channel: { id: workspace.channel, name: 'perf' },
        container: { type: 'message', message_ts: alert.ts, channel_id: workspace.channel },
        message: { ts: alert.ts, text: 'Regression in parse/large' },
        trigger_id: expect.any(String),
        response_url: expect.stringContaining('/response/'),
      },
      action: { type: 'button', action_id: 'accept', block_id: 'alert-actions', value: 'alert:42' },
    });
  });

  it('opens a modal with views.open and delivers its submission to app.view', async () => {
    const submissions: unknown[] = [];
    const { workspace } = await startWorkspaceAndApp((app) => {
      openModalOnCommand(app, {
        type: 'modal',
        callback_id: 'schedule',
        private_metadata: 'suite=parse',
        title: { type: 'plain_text', text: 'Schedule a run' },
        submit: { type: 'plain_text', text: 'Schedule' },
        blocks: [
          { type: 'input', block_id: 'cron', label: { type: 'plain_text', text: 'When' }, element: { type: 'plain_text_input', action_id: 'value' } },
          { type: 'input', block_id: 'owner', label: { type: 'plain_text', text: 'Owner' }, element: { type: 'users_select', action_id: 'user' } },
          {
            type: 'input',
            block_id: 'mode',
            label: { type: 'plain_text', text: 'Mode' },
            element: {
              type: 'static_select',
              action_id: 'choice',
              options: [
                { text: { type: 'plain_text', text: 'Benchmark' }, value: 'bench' },
                { text: { type: 'plain_text', text: 'Stress' }, value: 'stress' },
              ],
            },
          },
        ],
      });
      app.view('schedule', async ({ ack, view, body }) => {
        submissions.push({ values: view.state.values, user: body.user.id, metadata: view.private_metadata });
        await ack();
      });
    });
    await workspace.slashCommand(ALICE, 'schedule');
    const view = await workspace.waitFor(() => workspace.openViews()[0]);
    expect(view).toMatchObject({ userId: ALICE, callback_id: 'schedule', title: { text: 'Schedule a run' } });

    const result = await workspace.submitView(ALICE, view.id, { cron: { value: '0 3 * * *' }, owner: { user: BOB }, mode: { choice: 'stress' } });

    expect(result).toEqual({});
    expect(workspace.openViews()).toEqual([]);
    expect(submissions).toEqual([
      {
        user: ALICE,
        metadata: 'suite=parse',
        values: {
          cron: { value: { type: 'plain_text_input', value: '0 3 * * *' } },
          owner: { user: { type: 'users_select', selected_user: BOB } },
          mode: { choice: { type: 'static_select', selected_option: { text: { type: 'plain_text', text: 'Stress' }, value: 'stress' } } },
        },
      },
    ]);
  });

  it('keeps the modal open with the errors of a response_action "errors" ack', async () => {
    const { workspace } = await startWorkspaceAndApp((app) => {
      openModalOnCommand(app, {
        type: 'modal',
        callback_id: 'schedule',
        title: { type: 'plain_text', text: 'Schedule' },
        submit: { type: 'plain_text', text: 'Save' },
        blocks: [{ type: 'input', block_id: 'cron', label: { type: 'plain_text', text: 'When' }, element: { type: 'plain_text_input', action_id: 'value' } }],
      });
      app.view('schedule', async ({ ack }) => ack({ response_action: 'errors', errors: { cron: 'Not a cron expression' } }));
    });
    await workspace.slashCommand(ALICE, 'schedule');
    const view = await workspace.waitFor(() => workspace.openViews()[0]);

    const result = await workspace.submitView(ALICE, view.id, { cron: { value: 'every day' } });

    expect(result).toEqual({ response_action: 'errors', errors: { cron: 'Not a cron expression' } });
    expect(workspace.openViews()).toMatchObject([{ id: view.id, errors: { cron: 'Not a cron expression' } }]);
  });

  it('shares a file uploaded with filesUploadV2 in the thread, downloadable from its URL', async () => {
    const { workspace } = await startWorkspaceAndApp((app) => {
      app.command('/perflab', async ({ ack, say, client, command }) => {
        await ack();
        const posted = await say('Results');
        await client.filesUploadV2({
          channel_id: command.channel_id,
          thread_ts: posted.ts ?? '',
          filename: 'samples.csv',
          content: 'ns\n101\n99\n',
          initial_comment: 'Raw samples',
        });
      });
    });

    await workspace.slashCommand(ALICE, 'run');

    const reply = await workspace.waitFor(() => workspace.messages()[0]?.replies[0]);
    expect(reply).toMatchObject({ text: 'Raw samples', files: [{ name: 'samples.csv', mimetype: 'text/csv', size: 10 }] });
    const download = await fetch(reply.files?.[0]?.url_private ?? '');
    expect(await download.text()).toBe('ns\n101\n99\n');
  });
});
