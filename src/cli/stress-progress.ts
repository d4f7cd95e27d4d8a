// Progress of a stress run on stderr: on a terminal, one line updated every
// second with the current rate, p99 and errors; in a CI log, a line per
// scenario started and finished.
import pc from 'picocolors';
import type { StressVerdict } from '../modes/stress/stress-stats.js';
import type { StressProgress } from '../modes/stress/run-stress.js';
import { statusLine } from './status-line.js';

export const VERDICT_COLOR: Record<StressVerdict, (s: string) => string> = {
  passed: pc.green,
  'threshold-failed': pc.red,
  crashed: pc.red,
  hung: pc.red,
  leaking: pc.red,
  errored: pc.red,
};

export function stressProgressPrinter(stream: NodeJS.WriteStream = process.stderr): (event: StressProgress) => void {
  const tty = stream.isTTY === true;
  const line = statusLine(stream);
  return (event) => {
    switch (event.type) {
      case 'listed':
        line(`${event.scenarios} scenario(s) to stress${event.suiteErrors ? pc.red(`, ${event.suiteErrors} suite(s) failed to load`) : ''}`, true);
        break;
      case 'scenario-start':
        line(`[${event.index + 1}/${event.total}] ${event.caseId}: ${event.load} for ${(event.durationMs / 1000).toFixed(1)} s`, !tty);
        break;
      case 'live': {
        const at = event.phase === 'load' ? `${(event.elapsedMs / 1000).toFixed(0)}/${(event.durationMs / 1000).toFixed(0)} s` : event.phase;
        const p99 = event.p99Ms === null ? '—' : `${event.p99Ms.toFixed(1)} ms`;
        line(`[${event.index + 1}/${event.total}] ${event.caseId} ${at} · ${event.rate.toFixed(0)} req/s · p99 ${p99} · ${event.errors ? pc.red(`${event.errors} errors`) : '0 errors'}`);
        break;
      }
      case 'scenario-done':
        line(`${event.caseId}: ${VERDICT_COLOR[event.verdict](event.verdict)}`, true);
        break;
    }
  };
}
