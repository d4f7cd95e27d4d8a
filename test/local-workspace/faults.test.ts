import { describe, expect, it } from 'vitest';
import { LocalWorkspaceErrorCode } from '../../src/local-workspace/index.js';
import { startWorkspaceAndApp } from './start-workspace-and-app.js';

describe('faults injected into the local workspace', () => {
  it('makes the WebClient wait out a 429 Retry-After and then succeed', async () => {
    // The WebClient's default retry policy, as perflab runs it.
    const { workspace, app } = await startWorkspaceAndApp(() => {}, {});
    workspace.failNext('chat.postMessage', { status: 429, retryAfterSec: 1 });

    const started = Date.now();
    const result = await app.client.chat.postMessage({ channel: workspace.channel, text: 'after the rate limit' });

    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(result.ok).toBe(true);
    expect(workspace.messages().map((m) => m.text)).toEqual(['after the rate limit']);
  });

  it('surfaces an ok:false answer as the Bolt app error', async () => {
    const errors: unknown[] = [];
    const { workspace } = await startWorkspaceAndApp((app) => {
      app.command('/perflab', async ({ ack, say }) => {
        await ack();
        await say('this will not be posted');
      });
      app.error(async (error) => {
        errors.push(error);
      });
    });
    workspace.failNext('chat.postMessage', { slackError: 'channel_not_found' });

    await workspace.slashCommand('U0ALICE', 'run');

    const [error] = await workspace.waitFor(() => errors.length > 0 && errors);
    expect(error).toMatchObject({ code: 'slack_webapi_platform_error', data: { ok: false, error: 'channel_not_found' } });
    expect(workspace.messages()).toEqual([]);
  });

  it('makes a failed response_url POST reject respond()', async () => {
    const failures: unknown[] = [];
    const { workspace } = await startWorkspaceAndApp((app) => {
      app.command('/perflab', async ({ ack, respond }) => {
        await ack();
        await respond('never shown').catch((error: unknown) => failures.push(error));
      });
    });
    workspace.failNext('response_url', { status: 500 });

    await workspace.slashCommand('U0ALICE', 'run');

    await workspace.waitFor(() => failures.length > 0);
    expect(workspace.ephemerals('U0ALICE')).toEqual([]);
  });

  it('tells the person, and the caller, when no app is connected', async () => {
    const { workspace, app } = await startWorkspaceAndApp(() => {});
    await app.stop();
    await workspace.waitFor(() => workspace.socketConnections === 0);

    await expect(workspace.slashCommand('U0ALICE', 'run')).rejects.toMatchObject({ code: LocalWorkspaceErrorCode.DispatchFailed });
    expect(workspace.ephemerals('U0ALICE').map((m) => m.text)).toEqual(['/perflab failed with the error "dispatch_failed"']);
  });

  it('times out a command the app never acks, with operation_timeout as in Slack', async () => {
    const { workspace } = await startWorkspaceAndApp(
      (app) => {
        app.command('/perflab', async () => {
          // never acks
        });
      },
      { workspace: { ackTimeoutMs: 300 }, retryConfig: { retries: 0 } },
    );

    await expect(workspace.slashCommand('U0ALICE', 'run')).rejects.toMatchObject({ code: LocalWorkspaceErrorCode.AckTimeout });
    expect(workspace.ephemerals('U0ALICE')[0]?.text).toContain('operation_timeout');
  });
});
