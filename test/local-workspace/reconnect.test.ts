import { describe, expect, it } from 'vitest';
import { startWorkspaceAndApp } from './start-workspace-and-app.js';

describe('Socket Mode reconnection', () => {
  it('lets the Bolt app reconnect after its sockets are dropped, and the next slash command arrives', async () => {
    const received: string[] = [];
    const { workspace } = await startWorkspaceAndApp((app) => {
      app.command('/perflab', async ({ ack, command }) => {
        received.push(command.text);
        await ack();
      });
    });
    await workspace.slashCommand('U0ALICE', 'before');

    workspace.dropSocketConnections();
    await workspace.waitFor(() => workspace.socketConnections === 0);
    // @slack/socket-mode waits clientPingTimeout (5 s by default) before it
    // reconnects, then calls apps.connections.open again: tickets are one-time,
    // so a new connection proves it did.
    await workspace.waitFor(() => workspace.socketConnections === 1, 15_000);
    await workspace.slashCommand('U0ALICE', 'after');

    expect(received).toEqual(['before', 'after']);
  });
});
