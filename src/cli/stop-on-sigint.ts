// Ctrl-C stops the work but lets the command record what is done and clean
// up (workers, worktrees, servers); a second Ctrl-C exits at once.
import { ExitCode } from './exit-code.js';

/** Aborts on the first SIGINT after telling the user `what` happens now. */
export function stopOnSigint(what: string): AbortSignal {
  const cancel = new AbortController();
  process.once('SIGINT', () => {
    process.stderr.write(`\nstopping: ${what} (Ctrl-C again to quit at once)\n`);
    cancel.abort(new Error('cancelled by Ctrl-C'));
    process.once('SIGINT', () => process.exit(ExitCode.Interrupted));
  });
  return cancel.signal;
}
