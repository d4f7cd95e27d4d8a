// Progress of a fuzz run on stderr, written like a benchmark run's (see progress.ts).
import pc from 'picocolors';
import type { FuzzProgress } from '../modes/fuzz/run-fuzz.js';
import { formatFuzzStats } from './fuzz-report.js';
import { statusLine } from './status-line.js';

export function fuzzProgressPrinter(stream: NodeJS.WriteStream = process.stderr): (event: FuzzProgress) => void {
  const line = statusLine(stream);
  return (event) => {
    switch (event.type) {
      case 'listed':
        line(`${event.properties} propert${event.properties === 1 ? 'y' : 'ies'} to fuzz${event.suiteErrors ? pc.red(`, ${event.suiteErrors} suite(s) failed to load`) : ''}`, true);
        break;
      case 'replayed':
        if (event.outcomes.length > 0) line(`replayed ${event.outcomes.length} known finding(s): ${event.outcomes.map((o) => `${o.findingId} ${o.verdict}`).join(', ')}`, true);
        break;
      case 'property-start':
        line(`[${event.index + 1}/${event.total}] ${event.caseId} for ${(event.budgetMs / 1000).toFixed(1)} s …`);
        break;
      case 'property-done':
        line(formatFuzzStats(event.stats), true);
        break;
    }
  };
}
