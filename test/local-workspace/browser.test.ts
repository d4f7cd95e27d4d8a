import type { Page } from 'playwright-core';
import { openChannelPage } from '../helpers/workspace-page.js';
import { describe, expect, it } from 'vitest';
import type { Block } from '../../src/local-workspace/index.js';
import { openModalOnCommand, startWorkspaceAndApp } from './start-workspace-and-app.js';

const SCREENSHOT = '/tmp/local-workspace.png';
const CONFIRM_SCREENSHOT = '/tmp/local-workspace-confirm.png';
const MODAL_SCREENSHOT = '/tmp/local-workspace-modal.png';

function alertBlocks(text: string): Block[] {
  return [
    { type: 'header', text: { type: 'plain_text', text: ':rotating_light: Regression in parse/large' } },
    {
      type: 'section',
      fields: [
        { type: 'mrkdwn', text: '*Baseline*\n1.20 ms' },
        { type: 'mrkdwn', text: '*Current*\n1.35 ms (*+12.3%*, 95% CI 9.8–14.9%)' },
        { type: 'mrkdwn', text: '*Commits*\n`a1b2c3d`…`e4f5a6b`' },
        { type: 'mrkdwn', text: '*Author*\n<@U0BOB>' },
      ],
    },
    { type: 'context', elements: [{ type: 'mrkdwn', text: `suite _parse_ · asked for by ${text} · <https://example.com/runs/7|run #7>` }] },
    {
      type: 'actions',
      elements: [
        {
          type: 'button',
          action_id: 'accept',
          style: 'primary',
          text: { type: 'plain_text', text: 'Accept as new baseline' },
          value: 'alert:7',
          confirm: {
            title: { type: 'plain_text', text: 'Accept the new baseline?' },
            text: { type: 'mrkdwn', text: 'Future runs of *parse/large* will be compared to *1.35 ms*.' },
            confirm: { type: 'plain_text', text: 'Accept' },
            deny: { type: 'plain_text', text: 'Cancel' },
          },
        },
        { type: 'button', action_id: 'dismiss', style: 'danger', text: { type: 'plain_text', text: 'Dismiss as noise' }, value: 'alert:7' },
      ],
    },
  ];
}

/** Runs `run` on the workspace page at `url` with `userId` picked as "you", then closes the browser. */
async function inChannel<T>(url: string, userId: string, run: (page: Page) => Promise<T>): Promise<T> {
  const { browser, page } = await openChannelPage(url, userId, { width: 1180, height: 720 });
  try {
    return await run(page);
  } finally {
    await browser.close();
  }
}

describe('the local workspace page in a browser', () => {
  it('sends a typed slash command, shows the reply live, and sends a confirmed button click', async () => {
    const { workspace } = await startWorkspaceAndApp((app) => {
      app.command('/perflab', async ({ ack, say, client, command }) => {
        await ack(`Running \`${command.text}\`…`);
        const posted = await say({ text: 'Regression in parse/large', blocks: alertBlocks(`<@${command.user_id}>`) });
        await client.chat.postMessage({ channel: command.channel_id, thread_ts: posted.ts ?? '', text: 'Samples: n=30 each side, p=0.002' });
      });
      app.action('accept', async ({ ack, body, client }) => {
        await ack();
        if (body.type !== 'block_actions' || !body.message || !body.channel) return;
        await client.chat.update({
          channel: body.channel.id,
          ts: body.message.ts,
          text: 'Accepted',
          blocks: [{ type: 'section', text: { type: 'mrkdwn', text: `:white_check_mark: *Accepted as new baseline* by <@${body.user.id}>` } }],
        });
      });
    });

    await inChannel(workspace.url, 'U0BOB', async (page) => {

      await page.fill('#composer-input', '/perflab hello');
      await page.press('#composer-input', 'Enter');

      const alert = page.locator('article.message', { hasText: 'Regression in parse/large' });
      await alert.waitFor();
      await expect(page.locator('article.ephemeral', { hasText: 'Running hello' }).count()).resolves.toBe(1);
      await page.getByRole('button', { name: '1 reply' }).click();
      await page.getByText('Samples: n=30 each side').waitFor();

      await alert.getByRole('button', { name: 'Accept as new baseline' }).click();
      await page.locator('dialog#confirm[open]').getByText('Future runs of').waitFor();
      await page.screenshot({ path: CONFIRM_SCREENSHOT });
      await page.locator('dialog#confirm [data-role="confirm"]').click();

      await page.getByText('Accepted as new baseline').waitFor();
      await page.screenshot({ path: SCREENSHOT });
      await expect(page.getByRole('button', { name: 'Accept as new baseline' }).count()).resolves.toBe(0);
      expect(workspace.messages()[0]?.text).toBe('Accepted');

      // Ephemerals belong to the person who saw them.
      await page.selectOption('#user-picker', 'U0ALICE');
      await page.locator('article.ephemeral').waitFor({ state: 'detached' });
    });
  });

  it('shows a modal from views.open and submits what the person entered', async () => {
    const submitted: unknown[] = [];
    const { workspace } = await startWorkspaceAndApp((app) => {
      openModalOnCommand(app, {
        type: 'modal',
        callback_id: 'schedule',
        title: { type: 'plain_text', text: 'Schedule a run' },
        submit: { type: 'plain_text', text: 'Schedule' },
        close: { type: 'plain_text', text: 'Cancel' },
        blocks: [
          { type: 'input', block_id: 'cron', label: { type: 'plain_text', text: 'When (cron)' }, element: { type: 'plain_text_input', action_id: 'value' } },
          { type: 'input', block_id: 'owner', label: { type: 'plain_text', text: 'Owner' }, element: { type: 'users_select', action_id: 'user' } },
        ],
      });
      app.view('schedule', async ({ ack, view, client }) => {
        submitted.push(view.state.values);
        await ack();
        await client.chat.postMessage({ channel: workspace.channel, text: `Scheduled for ${view.state.values.cron?.value?.value ?? '?'}` });
      });
    });

    await inChannel(workspace.url, 'U0ALICE', async (page) => {
      await page.fill('#composer-input', '/perflab schedule');
      await page.press('#composer-input', 'Enter');

      const modal = page.locator('dialog#modal[open]');
      await modal.getByText('Schedule a run').waitFor();
      await modal.getByLabel('When (cron)').fill('0 3 * * *');
      await modal.getByLabel('Owner').selectOption('U0BOB');
      await page.screenshot({ path: MODAL_SCREENSHOT });
      await modal.getByRole('button', { name: 'Schedule' }).click();

      await page.getByText('Scheduled for 0 3 * * *').waitFor();
      await modal.waitFor({ state: 'detached' }).catch(() => undefined);
      await expect(page.locator('dialog#modal').evaluate((d) => (d as { open: boolean }).open)).resolves.toBe(false);
    });
    expect(submitted).toEqual([{ cron: { value: { type: 'plain_text_input', value: '0 3 * * *' } }, owner: { user: { type: 'users_select', selected_user: 'U0BOB' } } }]);
  });
});
