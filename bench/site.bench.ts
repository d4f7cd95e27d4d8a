// Time to serve a case's page with a year of history (18,000 runs) from
// perflab's HTTP server: the store's read, the chart's data (change points
// over the whole year, downsampled for display keeping every alert, baseline
// and change point), the page's HTML with the chart spec inline, and the
// bytes over a loopback socket — what a reader clicking a Slack link waits
// for before the browser starts drawing. Goal: under 200 ms, warm.
//
//   node --import ./src/engine/suite/register-loaders.js bench/site.bench.ts [--reps R] [--runs N]
//
// The year is recorded through the store's own API (as a year of `perflab
// run` would), which takes a minute or two on a small machine and is not
// timed. The first request is reported on its own: it pays for JIT warm-up.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startApiServer } from '../src/http/http-server.js';
import type { Alert } from '../src/engine/model.js';
import { openStore } from '../src/engine/store/open-store.js';
import { Lab } from '../src/lab/lab.js';
import { pagePath } from '../src/site/page-url.js';
import { seedBaselines, seedRuns } from '../test/helpers/seed-runs.js';
import { intSetting, machineLine, markdownTable, medianOf, progress } from './support/bench-report.js';

const GOAL_MS = 200;
const reps = Math.max(1, intSetting('reps', 'PERFLAB_BENCH_REPS', 10));
const runs = Math.max(10, intSetting('runs', 'PERFLAB_SITE_BENCH_RUNS', 18_000));
const CASE = 'json/parse 1MB';
const MACHINE = 'bench-box';
const YEAR = 365 * 86_400_000; // ms

async function main(): Promise<void> {
  const loadBefore = loadavg()[0] ?? Number.NaN;
  const dir = mkdtempSync(join(tmpdir(), 'perflab-site-bench-'));
  try {
    const store = await openStore(dir);
    progress(`recording ${runs.toLocaleString('en-US')} runs…`);
    const start = Date.UTC(2025, 0, 1);
    const times = Array.from({ length: runs }, (_, i) => start + Math.floor((i * YEAR) / runs));
    // Noise of ±2%, a 10% step a third of the way in, back down two thirds in.
    const level = (i: number) => (i > runs / 3 && i < (2 * runs) / 3 ? 1.1 : 1);
    const recorded = await seedRuns(store, { machine: MACHINE, times, cases: { [CASE]: (i) => 1_000_000 * level(i) * (1 + 0.02 * Math.sin(i * 12.9898)) } });
    for (const at of [0, Math.floor(runs / 2), runs - 10]) await seedBaselines(store, recorded[at]!, [CASE]);
    const alerts: Alert[] = [Math.floor(runs / 3) + 1, Math.floor((2 * runs) / 3), Math.floor(runs / 5)].map((at, n) => ({ id: `A-${n}`, kind: 'regression', runId: recorded[at]!.id, commit: recorded[at]!.commit, caseIds: [CASE], state: 'open', createdAt: recorded[at]!.startedAt }));
    for (const alert of alerts) await store.addAlert(alert);

    const lab = new Lab({ store, machine: MACHINE, suitesDir: dir, canary: false });
    const server = await startApiServer({ port: 0, onPush: () => undefined, onResults: () => Promise.reject(new Error('not here')), log: progress, site: { context: { lab, repo: null } } });
    const url = `${server.url}/${pagePath({ page: 'case', caseId: CASE })}`;
    const get = async (): Promise<{ ms: number; bytes: number; body: string }> => {
      const t0 = performance.now();
      const response = await fetch(url);
      const body = await response.text();
      const ms = performance.now() - t0;
      if (response.status !== 200) throw new Error(`GET ${url} answered ${response.status}`);
      return { ms, bytes: Buffer.byteLength(body), body };
    };
    const loadTimed = loadavg()[0] ?? Number.NaN;
    const cold = await get();
    // What must survive downsampling is in the page: every alert's run.
    for (const alert of alerts) if (!cold.body.includes(`"runId":"${alert.runId}"`)) throw new Error(`the page's chart lost the run of alert ${alert.id}`);
    const drawn = (cold.body.match(/"runId":"/g) ?? []).length;
    progress(`cold: ${cold.ms.toFixed(0)} ms`);
    const warm: number[] = [];
    for (let rep = 0; rep < reps; rep++) {
      warm.push((await get()).ms);
      progress(`rep ${rep + 1}/${reps}: ${warm.at(-1)!.toFixed(0)} ms`);
    }
    await server.close();
    await lab.close();
    await store.close();

    const median = medianOf(warm);
    const out = [
      `## Site: a case page with a year of history (${runs.toLocaleString('en-US')} runs)`,
      '',
      `${machineLine()}; ${reps} warm requests after one cold; ${new Date().toISOString()}; ` +
        `1-minute load average ${loadBefore.toFixed(1)} before recording, ${loadTimed.toFixed(1)} when timing started, ${(loadavg()[0] ?? Number.NaN).toFixed(1)} at the end (other work on the machine).`,
      '',
      markdownTable(
        ['request', 'median ms', 'min', 'max', 'cold ms', 'page KiB'],
        [[`GET case page (${runs.toLocaleString('en-US')} runs)`, median.toFixed(0), Math.min(...warm).toFixed(0), Math.max(...warm).toFixed(0), cold.ms.toFixed(0), (cold.bytes / 1024).toFixed(0)]],
      ),
      '',
      `The page carries ${drawn.toLocaleString('en-US')} run data (chart points, alert marks and table rows; the chart is downsampled to at most 1,500 points, keeping every alert's run, baseline and change point). Goal < ${GOAL_MS} ms warm: ${median < GOAL_MS ? 'met' : 'missed'} (median ${median.toFixed(0)} ms).`,
      '',
    ];
    process.stdout.write(out.join('\n'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
