// Runs one stress scenario in a fresh worker of its own piscina pool.
// `atomics: 'disabled'`: a piscina worker otherwise parks on Atomics.wait
// between tasks and hands control back only when the task settles, and a
// stress task's servers, timers and samplers must keep running (DESIGN §6).
// The worker's heartbeat arrives on a MessagePort; a worker that falls
// silent for `hangTimeoutMs` is declared hung and terminated (piscina 5 has
// no task timeout: the AbortSignal does it, DESIGN §12).
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { ErrorCode } from '../../engine/errors.js';
import type { CaseError } from '../../engine/model.js';
import type { Heartbeat, StressReply, StressTask } from './worker.js';

const LOADERS = new URL('../../engine/suite/register-loaders.js', import.meta.url).href;
export const STRESS_WORKER = new URL('./worker.ts', import.meta.url).href;

export type StressOutcome =
  | { state: 'replied'; reply: StressReply; beats: Heartbeat[] }
  /** The worker died: an exit, an uncaught exception, out of memory. */
  | { state: 'crashed'; error: CaseError; beats: Heartbeat[] }
  /** No heartbeat within the deadline, or the task outlived its overall timeout. */
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
/** Loading a suite to list it may take this long, ms. */
const LIST_TIMEOUT_MS = 30_000;

export class StressPool {
  readonly #filename: string;

  constructor(filename: string = STRESS_WORKER) {
    this.#filename = filename;
  }

  async list(file: string): Promise<StressReply> {
    const outcome = await this.#run({ type: 'list', file }, [], AbortSignal.timeout(LIST_TIMEOUT_MS));
    if (outcome.ok) return outcome.value;
    if (outcome.error.code === ErrorCode.Cancelled) return { ok: false, error: { code: ErrorCode.CaseTimeout, message: `loading the suite took over ${LIST_TIMEOUT_MS / 1000} s` } };
    return { ok: false, error: outcome.error };
  }

  async run(task: RunScenarioTask): Promise<StressOutcome> {
    const { port1, port2 } = new MessageChannel();
    const beats: Heartbeat[] = [];
    const hang = new AbortController();
    let lastBeat = performance.now();
    let phase: Heartbeat['phase'] = 'setup';
    // Starting a worker and loading a suite through tsx takes seconds on a
    // busy machine; the heartbeat deadline applies once the scenario beats.
    const watchdog = setInterval(() => {
      const deadline = beats.length > 0 ? task.hangTimeoutMs : task.hangTimeoutMs + LIST_TIMEOUT_MS;
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
      const outcome = await this.#run({ type: 'run', file: task.file, name: task.name, durationMs: task.durationMs, port: port2 }, [port2], signal);
      if (task.signal?.aborted) return { state: 'cancelled', beats };
      if (hang.signal.aborted) return { state: 'hung', silentMs: Math.round(performance.now() - lastBeat), phase, beats };
      if (!outcome.ok) return { state: 'crashed', error: outcome.error, beats };
      return { state: 'replied', reply: outcome.value, beats };
    } finally {
      clearInterval(watchdog);
      port1.close();
    }
  }

  async #run(task: StressTask, transferList: MessagePort[], signal: AbortSignal): Promise<{ ok: true; value: StressReply } | { ok: false; error: CaseError }> {
    const pool = new Piscina({
      filename: this.#filename,
      minThreads: 1,
      maxThreads: 1,
      atomics: 'disabled',
      execArgv: ['--import', LOADERS],
    });
    // A worker dying outside a task must not crash perflab; it is this scenario's crash.
    let poolError: Error | undefined;
    pool.on('error', (error: Error) => {
      poolError ??= error;
    });
    try {
      const value = (await pool.run(task, { signal, transferList })) as StressReply;
      if (poolError) return { ok: false, error: describeCrash(poolError) };
      return { ok: true, value };
    } catch (error) {
      if ((error as Error).name === 'AbortError') return { ok: false, error: { code: ErrorCode.Cancelled, message: 'stopped' } };
      return { ok: false, error: describeCrash(error) };
    } finally {
      await pool.destroy();
    }
  }
}

function describeCrash(error: unknown): CaseError {
  const e = error as { code?: string; message?: string };
  if (e.code === 'ERR_WORKER_OUT_OF_MEMORY') return { code: ErrorCode.CaseOutOfMemory, message: `the worker ran out of memory: ${e.message ?? ''}`.trim() };
  const exited = /worker exited with code: (-?\d+)/i.exec(e.message ?? '');
  if (exited) return { code: ErrorCode.CaseExited, message: `the scenario ended its worker with exit code ${exited[1]}` };
  return { code: ErrorCode.CaseThrew, message: `the worker crashed: ${e.message ?? String(error)}` };
}
