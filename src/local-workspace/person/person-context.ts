import { LocalWorkspaceError, LocalWorkspaceErrorCode } from '../errors.js';
import type { ResponseUrls } from '../response-urls.js';
import type { SocketModeServer } from '../socket-mode/socket-mode-server.js';
import type { WorkspaceUser } from '../types.js';
import type { WorkspaceUrls } from '../urls.js';
import type { WorkspaceState } from '../workspace-state.js';

/** What a person's actions (typing a command, clicking, submitting) need from the workspace. */
export interface PersonContext {
  state: WorkspaceState;
  socketMode: SocketModeServer;
  responseUrls: ResponseUrls;
  urls: WorkspaceUrls;
}

export function requirePerson(context: PersonContext, userId: string): WorkspaceUser {
  const user = context.state.directory.user(userId);
  if (!user || user.isBot) throw new LocalWorkspaceError(LocalWorkspaceErrorCode.NotFound, `no person '${userId}' in the workspace`);
  return user;
}
