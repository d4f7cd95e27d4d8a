import { App, LogLevel, type types, type webApi } from '@slack/bolt';
import { onTestFinished } from 'vitest';
import { LocalWorkspace, type LocalWorkspaceOptions } from '../../src/local-workspace/index.js';

export interface WorkspaceAndApp {
  workspace: LocalWorkspace;
  app: App;
}

/**
 * A local workspace and the real Bolt app connected to it over Socket Mode,
 * both stopped when the test finishes (the app first, or its client would
 * try to reconnect to a closed port). `register` adds the listeners.
 */
export async function startWorkspaceAndApp(
  register: (app: App) => void,
  options: { workspace?: LocalWorkspaceOptions; retryConfig?: webApi.RetryOptions } = { retryConfig: { retries: 0 } },
): Promise<WorkspaceAndApp> {
  const workspace = await LocalWorkspace.start(options.workspace);
  // botId and botUserId given: Bolt then skips auth.test (DESIGN §10).
  const app = new App({
    token: workspace.botToken,
    appToken: workspace.appToken,
    socketMode: true,
    botId: workspace.botId,
    botUserId: workspace.botUserId,
    logLevel: LogLevel.ERROR,
    clientOptions: { slackApiUrl: workspace.apiUrl, ...(options.retryConfig ? { retryConfig: options.retryConfig } : {}) },
  });
  register(app);
  onTestFinished(async () => {
    await app.stop();
    await workspace.stop();
  });
  await app.start();
  return { workspace, app };
}

/** Answers `/perflab` by opening `view` as a modal, as an app does for a command that needs a form. */
export function openModalOnCommand(app: App, view: types.ModalView): void {
  app.command('/perflab', async ({ ack, client, command }) => {
    await ack();
    await client.views.open({ trigger_id: command.trigger_id, view });
  });
}
