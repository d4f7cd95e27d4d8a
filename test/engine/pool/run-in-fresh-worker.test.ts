// The fresh-worker runner against a real worker, one way of ending per test:
// the reply comes back as data, and every failure is a case error whose code
// says what happened.
import { describe, expect, it } from 'vitest';
import { once } from 'node:events';
import { MessageChannel } from 'node:worker_threads';
import { runInFreshWorker, type WorkerOutcome } from '../../../src/engine/pool/run-in-fresh-worker.js';
import type { Behaviour } from './fixtures/behaviours.task.js';

const TASK = new URL('./fixtures/behaviours.task.ts', import.meta.url);

function run(task: Behaviour, options: Parameters<typeof runInFreshWorker>[2] = {}): Promise<WorkerOutcome<unknown>> {
  return runInFreshWorker(TASK, task, { timeoutMs: 20_000, ...options });
}

describe('runInFreshWorker', () => {
  it('answers with what the task returned', async () => {
    expect(await run({ kind: 'reply', value: { n: 1, list: ['a'] } })).toEqual({ ok: true, value: { n: 1, list: ['a'] } });
  });

  it('reports a task that rejects as a throw, with its error', async () => {
    expect(await run({ kind: 'reject', message: 'no such thing' })).toEqual({
      ok: false,
      error: { code: 'PERFLAB_E_CASE_THREW', message: 'the task threw RangeError: no such thing' },
    });
  });

  it('reports process.exit with its exit code', async () => {
    const outcome = await run({ kind: 'exit', code: 5 });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'PERFLAB_E_CASE_EXITED', message: expect.stringContaining('process.exit(5)') } });
    expect(!outcome.ok && outcome.error.message).toContain('exit code 5');
  });

  it('reports a task whose promise never settles once the worker has nothing left to do', async () => {
    expect(await run({ kind: 'never settle' })).toMatchObject({ ok: false, error: { code: 'PERFLAB_E_CASE_EXITED', message: expect.stringContaining('a promise that never settles') } });
  });

  it('reports an exception thrown outside the task, from a timer', async () => {
    expect(await run({ kind: 'throw from a timer', message: 'late' })).toEqual({
      ok: false,
      error: { code: 'PERFLAB_E_CASE_THREW', message: 'uncaught exception: TypeError: late' },
    });
  });

  it('reports a rejection nobody handles', async () => {
    expect(await run({ kind: 'leak a rejection', message: 'forgotten' })).toEqual({
      ok: false,
      error: { code: 'PERFLAB_E_CASE_UNHANDLED_REJECTION', message: 'unhandled promise rejection: Error: forgotten' },
    });
  });

  it('reports a worker that runs out of memory', async () => {
    const outcome = await run({ kind: 'hoard memory' }, { resourceLimits: { maxOldGenerationSizeMb: 32 } });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'PERFLAB_E_CASE_OOM' } });
  });

  it('stops a task that never yields at its timeout, and says so', async () => {
    expect(await run({ kind: 'spin' }, { timeoutMs: 300, timeoutHint: 'raise it' })).toEqual({
      ok: false,
      error: { code: 'PERFLAB_E_CASE_TIMEOUT', message: 'timed out after 300 ms (raise it)' },
    });
  });

  it('stops a task that never yields when its signal aborts', async () => {
    const outcome = await run({ kind: 'spin' }, { signal: AbortSignal.timeout(300) });
    expect(outcome).toEqual({ ok: false, error: { code: 'PERFLAB_E_CANCELLED', message: 'cancelled' } });
  });

  it('does not start a task whose signal has already aborted', async () => {
    const outcome = await run({ kind: 'reply', value: 1 }, { signal: AbortSignal.abort() });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'PERFLAB_E_CANCELLED' } });
  });

  it('reports a reply that cannot cross the thread boundary', async () => {
    expect(await run({ kind: 'reply a function' })).toMatchObject({ ok: false, error: { code: 'PERFLAB_E_CASE_THREW', message: expect.stringContaining('could not be cloned') } });
  });

  it('gives the worker the environment it is told to', async () => {
    expect(await run({ kind: 'read env', name: 'PERFLAB_TEST_WEATHER' }, { env: { PERFLAB_TEST_WEATHER: 'rain' } })).toEqual({ ok: true, value: 'rain' });
  });

  it('carries a message port to the task', async () => {
    const { port1, port2 } = new MessageChannel();
    const received = once(port1, 'message');
    const outcome = await run({ kind: 'post on port', port: port2, message: 'beat' }, { transferList: [port2] });
    expect(outcome).toEqual({ ok: true, value: 'posted' });
    expect(await received).toEqual(['beat']);
    port1.close();
  });

  it('starts the worker without the parent process\'s flags (no loader hooks)', async () => {
    expect(await run({ kind: 'report exec argv' })).toEqual({ ok: true, value: ['--enable-source-maps'] });
  });

  it('maps stack traces in the worker to the original TypeScript file', async () => {
    const outcome = await run({ kind: 'report a stack' });
    expect(outcome.ok && String(outcome.value)).toMatch(/behaviours\.task\.ts:\d+:\d+/);
  });
});
