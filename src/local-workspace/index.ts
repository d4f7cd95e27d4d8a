// The local workspace: a Slack-compatible server on 127.0.0.1 for trying
// perflab without a Slack account and for testing the real Bolt client.
export { LocalWorkspace } from './local-workspace.js';
export type { LocalWorkspaceOptions } from './options.js';
export { LocalWorkspaceError, LocalWorkspaceErrorCode } from './errors.js';
export type { InjectedFault } from './web-api/fault-injector.js';
export type { SubmitViewResult } from './person/submit-view.js';
export type { Block, Channel, FileInfo, Message, PlainText, View, ViewStateValues, WorkspaceUser } from './types.js';
