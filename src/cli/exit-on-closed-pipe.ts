// A reader that stops early (`perflab help report | head -3`) closes the pipe;
// the next write fails with EPIPE, which Node raises as an unhandled 'error'
// event with a stack. A C program would die of SIGPIPE there (Node ignores
// that signal), so the CLI does the same: it ends at once, without a word,
// with the shell's code for it.
import { ExitCode } from './exit-code.js';

/** Ends the process with ExitCode.ClosedPipe when stdout or stderr is closed by its reader; other stream errors are rethrown. */
export function exitOnClosedPipe(streams: readonly NodeJS.WriteStream[] = [process.stdout, process.stderr]): void {
  for (const stream of streams) {
    if (!stream.listeners('error').includes(onError)) stream.on('error', onError);
  }
}

function onError(error: NodeJS.ErrnoException): void {
  if (error.code === 'EPIPE') process.exit(ExitCode.ClosedPipe);
  throw error;
}
