// How `perflab watch` and `perflab demo` show the commit jobs the watcher
// queues: one line when a commit starts, progress on stderr, the result
// table when it is measured, and why when it was not.
import pc from 'picocolors';
import type { JobEvent } from '../lab/lab.js';
import { humanReport } from './commands/run.js';
import { progressPrinter } from './progress.js';

export function commitJobPrinter(): (event: JobEvent) => void {
  const progress = progressPrinter();
  return (event) => {
    switch (event.type) {
      case 'started':
        process.stderr.write(`${pc.bold(event.job.description)}\n`);
        return;
      case 'progress':
        progress(event.progress);
        return;
      case 'run-finished':
        process.stdout.write(humanReport(event.report));
        return;
      case 'build-failed':
        process.stdout.write(`${pc.red('✗')} ${event.message}\n`);
        return;
      case 'failed':
        process.stderr.write(`${pc.red('✗')} ${event.job.description}: ${event.error}\n`);
        return;
      default:
        return;
    }
  };
}
