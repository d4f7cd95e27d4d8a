// Command cases measure any program, in any language. Here: gzip of 8 MB of
// pseudo-random text through the system's `gzip`, and a Node script that
// times only its own hot region with `PERFLAB start` / `PERFLAB end` lines.
import { defineSuite } from 'perflab';

export default defineSuite({
  name: 'command',
  bench: {
    'gzip 8MB': {
      command: 'head -c 8388608 /dev/zero | tr "\\000" "perflab " | gzip -6 > /dev/null',
      minSamples: 10,
    },
    'node sort region': {
      command: [process.execPath, 'fixtures/sort-region.mjs'],
      minSamples: 10,
    },
  },
});
