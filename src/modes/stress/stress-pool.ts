// Runs one stress scenario in a fresh worker (engine/pool/run-in-fresh-worker.ts).
// The worker's event loop is its own, so the scenario's servers, timers and
// samplers keep running while the task does (DESIGN §6). Its heartbeat
// arrives on a MessagePort; a worker that falls silent for `hangTimeoutMs`
// is declared hung and terminated.
import { MessageChannel } from 'node:worker_threads';
import { PerflabError } from '../../engine/errors.js';
import type { CaseError } from '../../engine/model.js';
import { runInFreshWorker } from '../../engine/pool/run-in-fresh-worker.js';
import { compileSuite, type SuiteModule } from '../../engine/suite/compile-suite.js';
import { listSuites, type SuiteListing } from '../../engine/suite/list-suites.js';
import type { Heartbeat, StressReply, StressTask } from './worker.js';

export const STRESS_WORKER = new URL('./worker.ts', import.meta.url).href;

export type StressOutcome =
  | { state: 'replied'; reply: StressReply; beats: Heartbeat[] }
  /** The worker died: an exit, an uncaught exception, an unhandled rejection, out of memory. */
  | { state: 'crashed'; error: CaseError; beats: Heartbeat[] }
  /** No heartbeat within the deadline. */
  | { state: 'hung'; silentMs: number; phase: Heartbeat['phase']; beats: Heartbeat[] }
  | { state: 'cancelled'; beats: Heartbeat[] };

export interface RunScenarioTask {
  file: string;
  name: string;
  durationMs: number;
  hangTimeoutMs: number;
  /** Each heartbeat, as it arrives. */
  onBeat?: (beat: Heartbeat) => void;
  signal?: AbortSignal;
}

/** Heartbeats kept for the evidence of a crash or hang. */
const KEEP_BEATS = 120;
/** Before its first heartbeat a worker may take this much longer: it starts and imports the suite, ms. */
const START_ALLOWANCE_MS = 30_000;

export class StressPool {
  readonly #filename: string;

  constructor(filename: string = STRESS_WORKER) {
    this.#filename = filename;
  }

  /** The suites of a directory, for `listScenarios` to filter. */
  listSuites(suitesDir: string): Promise<SuiteListing> {
    return listSuites(suitesDir);
  }

  async run(task: RunScenarioTask): Promise<StressOutcome> {
    let suite: SuiteModule;
    try {
      suite = await compileSuite(task.file);
    } catch (error) {
      if (!(error instanceof PerflabError)) throw error;
      return { state: 'replied', reply: { ok: false, error: { code: error.code, message: error.message } }, beats: [] };
    }
    const { port1, port2 } = new MessageChannel();
    const beats: Heartbeat[] = [];
    const hang = new AbortController();
    let lastBeat = performance.now();
    let phase: Heartbeat['phase'] = 'setup';
    const watchdog = setInterval(() => {
      const deadline = beats.length > 0 ? task.hangTimeoutMs : task.hangTimeoutMs + START_ALLOWANCE_MS;
      if (performance.now() - lastBeat > deadline) hang.abort(new Error('hung'));
    }, Math.min(250, task.hangTimeoutMs / 4));
    port1.on('message', (beat: Heartbeat) => {
      lastBeat = performance.now();
      phase = beat.phase;
      beats.push(beat);
      if (beats.length > KEEP_BEATS) beats.shift();
      task.onBeat?.(beat);
    });
    const signal = task.signal ? AbortSignal.any([hang.signal, task.signal]) : hang.signal;
    try {
      const work: StressTask = { type: 'run', suite, name: task.name, durationMs: task.durationMs, port: port2 };
      const outcome = await runInFreshWorker<StressReply>(this.#filename, work, { signal, transferList: [port2] });
      if (task.signal?.aborted) return { state: 'cancelled', beats };
      if (hang.signal.aborted) return { state: 'hung', silentMs: Math.round(performance.now() - lastBeat), phase, beats };
      if (!outcome.ok) return { state: 'crashed', error: outcome.error, beats };
      return { state: 'replied', reply: outcome.value, beats };
    } finally {
      clearInterval(watchdog);
      port1.close();
    }
  }
}
