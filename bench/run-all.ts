// `npm run bench`: perflab's own benchmarks, one after another (never side by
// side: they measure time on a small machine), each in its own process with
// the same loader, output passed straight through. Settings come from the
// environment (PERFLAB_BENCH_REPS, PERFLAB_DETECT_*), which children inherit.
// Exits with the first failing benchmark's code, after running all of them.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const LOADERS = fileURLToPath(new URL('../src/engine/suite/register-loaders.js', import.meta.url));
const BENCHMARKS = ['harness.bench.ts', 'pairing.bench.ts', 'detection.bench.ts', 'store.bench.ts', 'ack-latency.bench.ts', 'stress-loadgen.bench.ts', 'fuzz.bench.ts', 'chart.bench.ts', 'report.bench.ts', 'site.bench.ts', 'demo.bench.ts', 'store-pg.bench.ts', 'agents.bench.ts'];

function run(file: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', LOADERS, file], { stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

let exitCode = 0;
for (const name of BENCHMARKS) {
  const file = fileURLToPath(new URL(`./${name}`, import.meta.url));
  const code = await run(file);
  if (code !== 0 && exitCode === 0) exitCode = code;
}
process.exitCode = exitCode;
