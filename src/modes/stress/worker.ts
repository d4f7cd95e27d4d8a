// The task file of the stress pool. Each scenario runs in a fresh worker:
// the suite (and any server it starts) lives and dies with it. While
// it runs, a heartbeat goes to the main thread every second with a process
// sample and the last second's rate, p99 and errors; silence means hung.
import type { MessagePort } from 'node:worker_threads';
import { encodeIntoCompressedBase64 } from 'hdr-histogram-js';
import { ErrorCode, PerflabError } from '../../engine/errors.js';
import type { CaseError } from '../../engine/model.js';
import type { StressSample } from './stress-stats.js';
import type { SuiteModule } from '../../engine/suite/compile-suite.js';
import { loadSuite } from '../../engine/suite/load-suite.js';
import { driveLoad } from './drive-load.js';
import { LatencyRecorder, type LiveWindow } from './latency-recorder.js';
import { describeError, openTarget } from './open-target.js';
import { ProcessSampler } from './process-sampler.js';
import { resolveStressOptions, STRESS_DEFAULTS, type ResolvedStressOptions } from './stress-options.js';
import { summarizeLatency, type LatencySummary } from './summarize-latency.js';

export interface StressTask {
  type: 'run';
  suite: SuiteModule;
  name: string;
  durationMs: number;
  /** Heartbeats go here. */
  port: MessagePort;
}

/** What the worker measured; judged in the main thread (`judgeScenario`). */
export interface StressMeasurement {
  /** The URL loaded, or `function`. */
  target: string;
  /** How long the load ran, ms. */
  elapsedMs: number;
  /** Answered requests. */
  requests: number;
  /** Failed requests by kind. */
  errors: Record<string, number>;
  latency: LatencySummary | null;
  /** The latency histogram (µs), HdrHistogram's compressed base64 encoding. */
  histogram: string;
  samples: StressSample[];
  /** False when the heap could not be measured after GC (then heap slopes are rougher). */
  gcAvailable: boolean;
}

export type Heartbeat = { type: 'beat'; sample: StressSample; live: LiveWindow; requests: number; errors: number; phase: 'setup' | 'load' | 'teardown' };

export type StressReply =
  | { ok: true; type: 'run'; measurement: StressMeasurement }
  | { ok: false; error: CaseError; samples?: StressSample[] };

const BEAT_EVERY_MS = 1000;

export default async function runTask(task: StressTask): Promise<StressReply> {
  try {
    const suite = await loadSuite(task.suite);
    const scenario = suite.stress?.[task.name];
    if (!scenario) throw new PerflabError(ErrorCode.CaseNotFound, `no stress scenario "${task.name}" in suite "${suite.name}"`, { file: task.suite.file });
    return await runScenario(task, { ...resolveStressOptions(scenario), durationMs: task.durationMs }, scenario);
  } catch (error) {
    return { ok: false, error: toCaseError(error) };
  }
}

async function runScenario(task: StressTask, options: ResolvedStressOptions, scenario: Parameters<typeof openTarget>[0]): Promise<StressReply> {
  const sampler = new ProcessSampler();
  const recorder = new LatencyRecorder();
  let phase: Heartbeat['phase'] = 'setup';
  const beat = (): void => {
    const sample = sampler.sample();
    const message: Heartbeat = { type: 'beat', sample, live: recorder.takeWindow(), requests: recorder.total.totalCount, errors: recorder.errorCount, phase };
    task.port.postMessage(message);
  };
  beat();
  let heartbeat = setInterval(beat, BEAT_EVERY_MS);
  try {
    const opened = await openTarget(scenario, options);
    let elapsedMs: number;
    try {
      phase = 'load';
      // Samples count from the start of the load: the leak slope skips setup.
      sampler.restart();
      beat(); // tells the main thread the load started, so a hang from here on is a hang under load
      // Samples at whole seconds of the load (1 s, 2 s, …), so a run of N seconds has N of them for the slope.
      clearInterval(heartbeat);
      heartbeat = setInterval(beat, BEAT_EVERY_MS);
      const start = performance.now();
      await driveLoad(opened.target, recorder, { load: options.load, durationMs: options.durationMs, drainMs: STRESS_DEFAULTS.drainMs });
      elapsedMs = performance.now() - start;
      // The end of the load is the slope's last point, unless a heartbeat just sampled it.
      if (elapsedMs - (sampler.samples.at(-1)?.atMs ?? 0) > BEAT_EVERY_MS / 2) sampler.sample();
    } finally {
      phase = 'teardown';
      await opened.close();
    }
    return {
      ok: true,
      type: 'run',
      measurement: {
        target: opened.describe,
        elapsedMs,
        requests: recorder.total.totalCount,
        errors: recorder.errors,
        latency: summarizeLatency(recorder.total),
        histogram: encodeIntoCompressedBase64(recorder.total),
        samples: sampler.samples,
        gcAvailable: sampler.gcAvailable,
      },
    };
  } catch (error) {
    return { ok: false, error: toCaseError(error), samples: sampler.samples };
  } finally {
    clearInterval(heartbeat);
    sampler.stop();
    task.port.close();
  }
}

function toCaseError(error: unknown): CaseError {
  if (error instanceof PerflabError) return { code: error.code, message: error.message };
  return { code: ErrorCode.CaseThrew, message: `the scenario threw ${describeError(error)}` };
}
