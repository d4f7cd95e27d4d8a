// Progress of a run on stderr: one updating line on a terminal, plain lines
// in a CI log, nothing when --quiet.
import pc from 'picocolors';
import type { BenchProgress } from '../modes/bench/run-bench.js';
import { formatDuration } from '../engine/report/format-duration.js';
import { statusLine } from './status-line.js';

export function progressPrinter(stream: NodeJS.WriteStream = process.stderr): (event: BenchProgress) => void {
  const line = statusLine(stream);
  return (event) => {
    switch (event.type) {
      case 'listed':
        line(`${event.cases} case(s) to run${event.suiteErrors ? pc.red(`, ${event.suiteErrors} suite(s) failed to load`) : ''}`, true);
        break;
      case 'case-start':
        line(`[${event.index + 1}/${event.total}] ${event.caseId} …`);
        break;
      case 'case-done': {
        const r = event.result;
        line(`${r.caseId}: ${r.state === 'ok' ? formatDuration(r.summary.median) : pc.red(`errored: ${r.error.message}`)}`, true);
        break;
      }
      case 'confirm':
        line(`${event.caseId}: old and new code side by side, ${event.side} run ${event.done}/${event.target}`);
        break;
    }
  };
}
