// Exit codes, documented in the README. When several apply, the highest wins.
export const ExitCode = {
  /** Nothing wrong. */
  Ok: 0,
  /** A confirmed regression, with --fail-on-regression; a new or returned fuzz finding; a replayed fuzz input that still fails. */
  Regression: 1,
  /** A suite or configuration error: bad suite file, case that errored, bad option. */
  UserError: 2,
  /** perflab itself failed. */
  InternalError: 3,
  /** A confirmed regression under `perflab ci --warn-only`: for CI steps that map it to "warnings". */
  Warning: 4,
  /** `perflab ci`: no confirmed regression, but a case that looked different could not be settled (`unstable`): the build's yellow. */
  Unsettled: 5,
  /** Stopped with Ctrl-C (what was measured is recorded). The shell's convention, 128 + SIGINT. */
  Interrupted: 130,
  /** Whoever read the output closed it early (`perflab … | head`): ended at once, quietly. The shell's convention, 128 + SIGPIPE. */
  ClosedPipe: 141,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
