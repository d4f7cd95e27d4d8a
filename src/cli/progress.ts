// Progress of a run on stderr: one updating line on a terminal, plain lines
// in a CI log, nothing when --quiet.
import pc from 'picocolors';
import type { BenchProgress } from '../modes/bench/run-bench.js';
import { formatDuration } from '../engine/report/format-duration.js';

/** Writes progress: a line that rewrites itself on a terminal (final lines stay), only final lines elsewhere. */
export function progressLine(stream: NodeJS.WriteStream): (text: string, final?: boolean) => void {
  const tty = stream.isTTY === true;
  return (text, final = false) => {
    if (tty) stream.write(`\r\x1b[2K${text}${final ? '\n' : ''}`);
    else if (final) stream.write(`${text}\n`);
  };
}

export function progressPrinter(stream: NodeJS.WriteStream = process.stderr): (event: BenchProgress) => void {
  const line = progressLine(stream);
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
        line(`confirming ${event.caseId}: ${event.side} run ${event.done}/${event.target} per side`);
        break;
    }
  };
}
