// Coded errors. A failure inside a measurement is data (`Result` with
// `state: 'errored'`); these are for the edges that must stop: a bad suite
// file, a bad option, a store that cannot be opened. Every code is here; an
// error that carries more than a message (a failed build's output, Slack's
// Retry-After) is a small subclass of `PerflabError` with its own code, in the
// file of the concept it belongs to.

export const ErrorCode = {
  SuiteLoad: 'PERFLAB_E_SUITE_LOAD',
  SuiteInvalid: 'PERFLAB_E_SUITE_INVALID',
  CaseNotFound: 'PERFLAB_E_CASE_NOT_FOUND',
  CaseThrew: 'PERFLAB_E_CASE_THREW',
  CaseTimeout: 'PERFLAB_E_CASE_TIMEOUT',
  CaseOutOfMemory: 'PERFLAB_E_CASE_OOM',
  CaseExited: 'PERFLAB_E_CASE_EXITED',
  CaseUnhandledRejection: 'PERFLAB_E_CASE_UNHANDLED_REJECTION',
  CommandFailed: 'PERFLAB_E_COMMAND_FAILED',
  /** A fuzz property's factory threw, or did not return a fast-check property. */
  PropertyBuild: 'PERFLAB_E_PROPERTY_BUILD',
  /** A fuzz property's arbitraries produced no usable value (a filter or `fc.pre` that rejects everything). */
  CannotGenerate: 'PERFLAB_E_CANNOT_GENERATE',
  FindingNotFound: 'PERFLAB_E_FINDING_NOT_FOUND',
  Config: 'PERFLAB_E_CONFIG',
  StoreLocked: 'PERFLAB_E_STORE_LOCKED',
  StoreCorrupt: 'PERFLAB_E_STORE_CORRUPT',
  /** The store was written by a newer perflab (its schemaVersion is above the one this perflab knows). */
  StoreVersion: 'PERFLAB_E_STORE_VERSION',
  Git: 'PERFLAB_E_GIT',
  UnknownRef: 'PERFLAB_E_UNKNOWN_REF',
  Cancelled: 'PERFLAB_E_CANCELLED',
  /** A perflab server refused the API token (`perflab ci --push`). */
  PushRefused: 'PERFLAB_E_PUSH_REFUSED',
  /** Results could not be pushed to a perflab server: unreachable, failing, or it rejected the payload. */
  PushFailed: 'PERFLAB_E_PUSH_FAILED',
  /** A stress scenario's setup threw or returned something unusable. */
  StressSetup: 'PERFLAB_E_STRESS_SETUP',
  /** A stress target that is unreachable, or not loopback and not allowed. */
  StressTarget: 'PERFLAB_E_STRESS_TARGET',
  /** A stress worker stopped sending heartbeats. */
  StressHung: 'PERFLAB_E_STRESS_HUNG',
  /** One request of a stress load failed (counted by kind, never thrown past the load generator). */
  StressRequest: 'PERFLAB_E_STRESS_REQUEST',
  /** A case called `t.start()`/`t.end()` out of order. */
  CaseRegion: 'PERFLAB_E_CASE_REGION',
  /** A watched commit's install/build command failed or timed out. */
  BuildFailed: 'PERFLAB_E_BUILD_FAILED',
  /** Slack (or another notifier) did not take a post; the outbox retries. */
  Notify: 'PERFLAB_E_NOTIFY',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export class PerflabError extends Error {
  readonly code: ErrorCode;
  /** The file the error is about, when there is one. */
  readonly file: string | undefined;

  constructor(code: ErrorCode, message: string, options: { file?: string; cause?: unknown } = {}) {
    super(options.file ? `${options.file}: ${message}` : message, { cause: options.cause });
    this.name = 'PerflabError';
    this.code = code;
    this.file = options.file;
  }
}

/** True for errors that are the user's to fix (suite, config, usage), as opposed to perflab failing. */
export function isUserError(error: unknown): error is PerflabError {
  return (
    error instanceof PerflabError &&
    error.code !== ErrorCode.StoreCorrupt &&
    error.code !== ErrorCode.Git &&
    error.code !== ErrorCode.PushFailed
  );
}
