// Real processes throughout: /bin/sh, sleep and small `node -e` scripts.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode, PerflabError } from '../../../src/engine/errors.js';
import { measureCommand, type CommandPlan, type CommandSpec } from '../../../src/modes/bench/measure-command.js';

const MS = 1e6; // ns
const MIB = 1024 * 1024;
const onLinux = process.platform === 'linux';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'perflab-command-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function sh(script: string, env: Record<string, string> = {}): CommandSpec {
  return { argv: ['/bin/sh', '-c', script], cwd: dir, env };
}

function node(script: string): CommandSpec {
  return { argv: [process.execPath, '-e', script], cwd: dir, env: {} };
}

/** Exactly `n` executions, no warm-up. */
function runs(n: number): CommandPlan {
  return { warmupRuns: 0, minSamples: n, maxSamples: n, timeBudgetMs: 1 };
}

function measure(spec: CommandSpec, plan: CommandPlan = runs(1)) {
  return measureCommand(spec, plan, new AbortController().signal);
}

async function failureOf(promise: Promise<unknown>): Promise<PerflabError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PerflabError);
  return error as PerflabError;
}

function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

/** Gone, or a zombie waiting for a parent that is not us. */
function isDead(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return true;
  }
  const stat = onLinux && existsSync(`/proc/${pid}/stat`) ? readFileSync(`/proc/${pid}/stat`, 'utf8') : '';
  return /\) Z /.test(stat);
}

async function until(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 20));
  }
  return true;
}

describe('sampling plan', () => {
  it('times each whole execution as one sample when the program prints no markers', async () => {
    const { samples, process } = await measure({ argv: ['sleep', '0.05'], cwd: dir, env: {} }, runs(3));

    expect(samples).toHaveLength(3);
    for (const ns of samples) expect(ns).toBeGreaterThanOrEqual(50 * MS);
    expect(process.wallNs).toBeGreaterThanOrEqual(50 * MS);
    expect(process.wallNs).toBeLessThan(2000 * MS);
    expect(process.executions).toBe(3);
    expect(process.regionMarked).toBe(false);
  });

  it('runs the warm-up executions without measuring them', async () => {
    const plan = { warmupRuns: 2, minSamples: 3, maxSamples: 3, timeBudgetMs: 1 };

    const { samples, process } = await measure(sh('echo run >> runs.txt'), plan);

    expect(samples).toHaveLength(3);
    expect(process.executions).toBe(3);
    expect(readFileSync(join(dir, 'runs.txt'), 'utf8').split('\n').filter(Boolean)).toHaveLength(5);
  });

  it('keeps executing until the time budget is spent once minSamples is reached', async () => {
    const started = Date.now();

    const { process } = await measure(sh('true'), { warmupRuns: 0, minSamples: 2, maxSamples: 1000, timeBudgetMs: 300 });

    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(process.executions).toBeGreaterThan(2);
  });

  it('stops at maxSamples even when the program reports more regions than that', async () => {
    const { samples, process } = await measure(sh('for i in 1 2 3 4 5; do echo "PERFLAB start $i"; echo "PERFLAB end $((i + 1))"; done'), {
      warmupRuns: 0,
      minSamples: 2,
      maxSamples: 3,
      timeBudgetMs: 10_000,
    });

    expect(process.executions).toBe(1);
    expect(samples).toEqual([1, 1, 1]);
  });

  it('passes the working directory and the extra environment variables', async () => {
    await expect(measure(sh('test "$(pwd -P)" = "$(cd "$EXPECTED" && pwd -P)" && test -n "$PATH"', { EXPECTED: dir }))).resolves.toBeDefined();
  });
});

describe.runIf(onLinux)('process statistics (Linux)', () => {
  /** Spins until it has used `ms` of user CPU (checking rarely: getrusage itself is system time), then writes its own user CPU (getrusage, ms) to `file`. */
  const busyScript = (ms: number, file: string) =>
    `let x = 0; while (process.cpuUsage().user < ${ms * 1000}) for (let i = 0; i < 1e6; i++) x += i; require('fs').writeFileSync(${JSON.stringify(file)}, String(process.resourceUsage().userCPUTime / 1000));`;
  const TICK_MS = 10; // CPU comes in clock ticks: USER_HZ is 100 on Linux

  // Checked against the program's own getrusage rather than its wall time:
  // on a shared machine a busy program's CPU/wall ratio says more about the
  // neighbours than about the measurement.
  it('reports the user CPU a busy program used, to within a clock tick', async () => {
    const ownReport = join(dir, 'user-ms');

    const { process } = await measure(node(busyScript(400, ownReport)));

    const ownUserMs = Number(readFileSync(ownReport, 'utf8'));
    expect(ownUserMs).toBeGreaterThanOrEqual(400);
    expect(process.userMs).toBeGreaterThanOrEqual(ownUserMs - TICK_MS);
    expect(process.userMs).toBeLessThanOrEqual(ownUserMs + 50); // node's exit, nothing else
  });

  it('counts the CPU of descendants the program waited for', async () => {
    const ownReport = join(dir, 'user-ms');
    // `; true` keeps sh from exec'ing node: node is a grandchild of perflab.
    const script = `${JSON.stringify(process.execPath)} -e ${shellQuote(busyScript(300, ownReport))}; true`;

    const { process: stats } = await measure(sh(script));

    const grandchildUserMs = Number(readFileSync(ownReport, 'utf8'));
    expect(grandchildUserMs).toBeGreaterThan(100);
    expect(stats.userMs).toBeGreaterThanOrEqual(grandchildUserMs - TICK_MS);
  });

  it('reports a peak RSS of at least 100 MB for a program that touches 100 MB', async () => {
    const { process } = await measure(node('const b = Buffer.alloc(100 * 2 ** 20, 1); setTimeout(() => b.length, 100);'));

    expect(process.peakRssBytes).toBeGreaterThanOrEqual(100 * MIB);
    expect(process.peakRssBytes).toBeLessThan(1024 * MIB);
  });
});

describe('region markers', () => {
  it('takes the program’s own timestamps when both markers carry one', async () => {
    const { samples, process } = await measure(sh('echo "PERFLAB start 1000"; sleep 0.05; echo "PERFLAB end 5000"'), runs(2));

    expect(samples).toEqual([4000, 4000]);
    expect(process.regionMarked).toBe(true);
    expect(process.wallNs).toBeGreaterThanOrEqual(50 * MS);
  });

  it('stamps markers on arrival when they carry no timestamp, so only the region counts', async () => {
    const script = `
      setTimeout(() => {
        console.log('PERFLAB start');
        setTimeout(() => console.log('PERFLAB end'), 50);
      }, 200);`;

    const { samples, process } = await measure(node(script));

    expect(samples).toHaveLength(1);
    expect(samples[0]).toBeGreaterThanOrEqual(45 * MS);
    expect(samples[0]).toBeLessThan(200 * MS); // 250 ms would mean the region was not bounded
    expect(process.wallNs).toBeGreaterThanOrEqual(250 * MS);
  });

  it('falls back to arrival times when only one end of a pair carries a timestamp', async () => {
    const { samples } = await measure(sh('echo "PERFLAB start 1"; sleep 0.05; echo "PERFLAB end"'));

    expect(samples[0]).toBeGreaterThanOrEqual(45 * MS);
  });

  it('reports one sample per start/end pair', async () => {
    const pairs = 'for i in 1 2 3; do echo "PERFLAB start $((i * 100))"; echo other output; echo "PERFLAB end $((i * 100 + i))"; done';

    const { samples, process } = await measure(sh(pairs), { warmupRuns: 0, minSamples: 6, maxSamples: 6, timeBudgetMs: 1 });

    expect(samples).toEqual([1, 2, 3, 1, 2, 3]);
    expect(process.executions).toBe(2);
  });

  it('an end without a start is an error naming the problem', async () => {
    const error = await failureOf(measure(sh('echo hello; echo "PERFLAB end"')));

    expect(error.code).toBe(ErrorCode.CommandFailed);
    expect(error.message).toMatch(/"PERFLAB end" on stdout line 2 without a "PERFLAB start"/);
  });

  it('a region left open at exit is an error naming the problem', async () => {
    const error = await failureOf(measure(sh('echo "PERFLAB start"; echo "PERFLAB end"; echo "PERFLAB start"')));

    expect(error.code).toBe(ErrorCode.CommandFailed);
    expect(error.message).toMatch(/region started on stdout line 3 was never ended/);
  });

  it('a start inside an open region is an error', async () => {
    const error = await failureOf(measure(sh('echo "PERFLAB start"; echo "PERFLAB start"')));

    expect(error.message).toMatch(/"PERFLAB start" on stdout line 2 while the region started on line 1 is still open/);
  });

  it('a malformed marker is an error, not a lost sample', async () => {
    const error = await failureOf(measure(sh('echo "PERFLAB start 12ms"; echo "PERFLAB end"')));

    expect(error.message).toMatch(/malformed marker on stdout line 1: "PERFLAB start 12ms"/);
  });

  it('executions that disagree about printing markers are an error', async () => {
    const firstRunOnly = 'if [ ! -e seen ]; then touch seen; echo "PERFLAB start"; echo "PERFLAB end"; fi';

    const error = await failureOf(measure(sh(firstRunOnly), runs(2)));

    expect(error.message).toMatch(/some executions printed PERFLAB markers and others did not/);
  });
});

describe('failures', () => {
  it('a non-zero exit is CommandFailed with the exit code and the stderr text', async () => {
    const error = await failureOf(measure(sh('echo "lots of noise" >&2; echo "bad input on line 7" >&2; exit 3')));

    expect(error.code).toBe(ErrorCode.CommandFailed);
    expect(error.message).toContain(`command "/bin/sh -c 'echo`);
    expect(error.message).toContain('exited with code 3');
    expect(error.message).toContain('bad input on line 7');
  });

  it('a program killed by a signal is CommandFailed naming the signal', async () => {
    const error = await failureOf(measure(sh('kill -TERM $$')));

    expect(error.code).toBe(ErrorCode.CommandFailed);
    expect(error.message).toContain('was killed by SIGTERM');
  });

  it('a program that does not exist is CommandFailed "not found"', async () => {
    const error = await failureOf(measure({ argv: ['perflab-no-such-program'], cwd: dir, env: {} }));

    expect(error.code).toBe(ErrorCode.CommandFailed);
    expect(error.message).toMatch(/command "perflab-no-such-program" could not start: not found/);
  });

  it('an empty argv is CommandFailed, not a TypeError', async () => {
    const error = await failureOf(measure({ argv: [], cwd: dir, env: {} }));

    expect(error.code).toBe(ErrorCode.CommandFailed);
    expect(error.message).toContain('could not start');
  });

  it('a working directory that does not exist is named as such, not as a missing program', async () => {
    const error = await failureOf(measure({ argv: ['true'], cwd: join(dir, 'nope'), env: {} }));

    expect(error.code).toBe(ErrorCode.CommandFailed);
    expect(error.message).toContain('working directory not found');
  });
});

describe('abort', () => {
  it('kills the whole process group and rejects with the abort reason', async () => {
    const controller = new AbortController();
    const reason = new Error('stop the bench');
    const pending = measureCommand(sh('sleep 30 & echo $! > bg.pid; echo $$ > sh.pid; sleep 30'), runs(1), controller.signal);
    const outcome = pending.then(
      () => 'resolved',
      (e: unknown) => e,
    );
    expect(await until(() => existsSync(join(dir, 'bg.pid')) && existsSync(join(dir, 'sh.pid')), 5000)).toBe(true);
    const pids = ['bg.pid', 'sh.pid'].map((f) => Number(readFileSync(join(dir, f), 'utf8')));
    expect(pids.every((pid) => !isDead(pid))).toBe(true);

    const abortedAt = Date.now();
    controller.abort(reason);

    expect(await outcome).toBe(reason);
    // Well before the 30 s the program would sleep; generous because a busy 2-core machine took 2.06 s once.
    expect(Date.now() - abortedAt).toBeLessThan(10_000);
    expect(await until(() => pids.every(isDead), 5000)).toBe(true);
  });

  it('rejects at once when the signal is already aborted', async () => {
    const reason = new Error('too late');

    await expect(measureCommand(sh('true'), runs(1), AbortSignal.abort(reason))).rejects.toBe(reason);
  });
});

describe('leftovers', () => {
  it('kills what the program leaves running in its group when it exits', async () => {
    const { process } = await measure(sh('sleep 30 & echo $! > bg.pid'));

    expect(process.executions).toBe(1);
    const bg = Number(readFileSync(join(dir, 'bg.pid'), 'utf8'));
    expect(await until(() => isDead(bg), 2000)).toBe(true);
  });
});
