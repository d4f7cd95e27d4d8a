// Coded errors of the local workspace: what a *person* doing something in
// the workspace can run into (no app connected, the app did not ack, the
// button is not there). Web API errors are not exceptions here: they are
// Slack's `{ ok: false, error }` answers (see web-api/slack-api-error.ts).

export const LocalWorkspaceErrorCode = {
  /** An option given to LocalWorkspace.start() is invalid. */
  Option: 'PERFLAB_E_LOCAL_WORKSPACE_OPTION',
  /** No app is connected over Socket Mode (Slack says `dispatch_failed`). */
  DispatchFailed: 'PERFLAB_E_LOCAL_WORKSPACE_DISPATCH_FAILED',
  /** The app did not ack in time (Slack says `operation_timeout`). */
  AckTimeout: 'PERFLAB_E_LOCAL_WORKSPACE_ACK_TIMEOUT',
  /** The user, message, button or view named does not exist. */
  NotFound: 'PERFLAB_E_LOCAL_WORKSPACE_NOT_FOUND',
  /** waitFor() ran out of time. */
  WaitTimeout: 'PERFLAB_E_LOCAL_WORKSPACE_WAIT_TIMEOUT',
  /** The workspace was stopped. */
  Stopped: 'PERFLAB_E_LOCAL_WORKSPACE_STOPPED',
} as const;

export type LocalWorkspaceErrorCode = (typeof LocalWorkspaceErrorCode)[keyof typeof LocalWorkspaceErrorCode];

export class LocalWorkspaceError extends Error {
  readonly code: LocalWorkspaceErrorCode;

  constructor(code: LocalWorkspaceErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'LocalWorkspaceError';
    this.code = code;
  }
}
