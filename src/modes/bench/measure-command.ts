// The measurement loop for command cases (DESIGN §4): run any program many
// times and record, per execution, its wall time, its CPU, its peak memory and
// the regions it marks itself. Statistics come afterwards.
//
// ── Region markers: the stdout protocol ───────────────────────────────────
//
// A program that wants only part of its run timed prints, on stdout, one line
// per event:
//
//     PERFLAB start            begins a timed region
//     PERFLAB end              ends it
//     PERFLAB start <ns>       the same, carrying the program's own monotonic
//     PERFLAB end <ns>         clock reading in integer nanoseconds
//
// - Each start/end pair is one sample; a program may report many pairs per
//   execution. Regions do not nest.
// - When both lines of a pair carry a timestamp, the sample is their
//   difference, so pipe buffering does not matter. Otherwise perflab stamps
//   each line when it arrives: the program must flush stdout after each
//   marker (or run with unbuffered stdout).
// - A line must be exactly one of the forms above (single spaces, nothing
//   else on the line; a trailing CR is fine). Any other line is ignored, but a
//   line that begins `PERFLAB start` / `PERFLAB end` and is not well formed is
//   an error rather than a silently lost sample.
// - Without any marker, each execution's wall time is one sample. An `end`
//   without a `start`, a `start` inside an open region, a region left open at
//   exit, or executions that disagree on whether they print markers are errors.
//
// ── What else is measured ─────────────────────────────────────────────────
//
// Wall time runs from spawn to exit. CPU and peak RSS are Linux-only (/proc)
// and are 0 elsewhere:
// - user/sys CPU is the change of cutime/cstime in /proc/self/stat around the
//   execution: every descendant the program waited for. Its resolution is one
//   clock tick (usually 10 ms), and it would also count any other child of
//   perflab that exits meanwhile — benchmarks run one at a time (DESIGN §5).
// - every ~10 ms the program and its descendants are sampled in /proc: VmHWM
//   and VmRSS give the peak RSS (a process that lives less than one sampling
//   period may go unseen), and utime/stime give a lower bound on CPU that also
//   covers descendants nobody waited for.
//
// The program runs in its own process group. When it exits, what it left
// running in that group is killed (it would skew the next execution and keep
// stdout open); on abort the whole group is killed.
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { median } from 'simple-statistics';
import { ErrorCode, PerflabError } from '../../engine/errors.js';
import type { ProcessStats } from '../../engine/model.js';
import { clockTicksPerSecond, readChildrenCpu, TreeSampler, type CpuTicks } from './proc-sampler.js';

// Captured at load so a suite that replaces them cannot skew the harness.
const now = process.hrtime.bigint.bind(process.hrtime);

const STDERR_TAIL_BYTES = 4096;
/** After exit, how long a descendant outside the process group may keep stdout open. */
const STDIO_GRACE_MS = 1000;

export interface CommandSpec {
  /** Already resolved: a string command becomes `['/bin/sh', '-c', cmd]` by the caller. */
  argv: readonly string[];
  cwd: string;
  /** Extra variables, on top of perflab's own environment. */
  env: Record<string, string>;
}

export interface CommandPlan {
  /** Unmeasured executions before sampling. */
  warmupRuns: number;
  minSamples: number;
  maxSamples: number;
  timeBudgetMs: number;
}

export interface CommandMeasurement {
  /** ns, one per timed region (or per execution without markers). */
  samples: number[];
  process: ProcessStats;
}

/** A stdout line that looks like a marker, stamped when it arrived. */
interface MarkerLine {
  at: bigint; // ns, perflab's clock
  text: string;
  lineNo: number;
}

/** What one execution left behind, raw; turned into numbers after the loop. */
interface Execution {
  wallNs: bigint;
  userTicks: number;
  sysTicks: number;
  peakRssBytes: number;
  markers: MarkerLine[];
}

export async function measureCommand(spec: CommandSpec, plan: CommandPlan, signal: AbortSignal): Promise<CommandMeasurement> {
  signal.throwIfAborted();
  // getconf is a child process too: ask before any execution is measured.
  const hz = clockTicksPerSecond();

  for (let i = 0; i < plan.warmupRuns; i++) regionSamples(spec, await execute(spec, signal));

  const executions: Execution[] = [];
  const perExecution: (number[] | null)[] = [];
  let count = 0;
  const budgetEnd = now() + BigInt(Math.round(plan.timeBudgetMs * 1e6));
  do {
    const execution = await execute(spec, signal);
    const samples = regionSamples(spec, execution);
    executions.push(execution);
    perExecution.push(samples);
    count += samples?.length ?? 1;
  } while (count < plan.maxSamples && (count < plan.minSamples || now() < budgetEnd));

  const regionMarked = perExecution[0] !== null;
  if (perExecution.some((s) => (s !== null) !== regionMarked)) {
    throw failure(spec, 'some executions printed PERFLAB markers and others did not');
  }
  const samples = perExecution.flatMap((s, i) => s ?? [Number(executions[i]!.wallNs)]).slice(0, plan.maxSamples);
  return {
    samples,
    process: {
      wallNs: median(executions.map((e) => Number(e.wallNs))),
      userMs: median(executions.map((e) => (e.userTicks * 1000) / hz)),
      sysMs: median(executions.map((e) => (e.sysTicks * 1000) / hz)),
      peakRssBytes: executions.reduce((peak, e) => Math.max(peak, e.peakRssBytes), 0),
      executions: executions.length,
      regionMarked,
    },
  };
}

/** Run the program once. Rejects with `CommandFailed` when it fails, with `signal.reason` when aborted. */
function execute(spec: CommandSpec, signal: AbortSignal): Promise<Execution> {
  signal.throwIfAborted();
  return new Promise<Execution>((resolve, reject) => {
    const markers: MarkerLine[] = [];
    let stderr = Buffer.alloc(0);
    let lineNo = 0;
    let exitedAt: bigint | undefined;
    let cpuAfter: CpuTicks | undefined;
    let settled = false;
    let grace: ReturnType<typeof setTimeout> | undefined;

    const cpuBefore = readChildrenCpu();
    const startedAt = now();
    let child: ChildProcessByStdio<null, Readable, Readable>;
    try {
      child = spawn(spec.argv[0] ?? '', spec.argv.slice(1), {
        cwd: spec.cwd,
        env: { ...process.env, ...spec.env },
        detached: true, // its own process group, so abort can kill every descendant
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    } catch (error) {
      // Invalid arguments (an empty program name, a NUL byte) throw instead of emitting 'error'.
      return reject(failure(spec, `could not start: ${(error as Error).message}`, error));
    }
    const pid = child.pid;
    const sampler = pid === undefined ? undefined : new TreeSampler(pid);

    const onAbort = () => {
      if (pid !== undefined) killGroup(pid);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      sampler?.stop();
      clearTimeout(grace);
      signal.removeEventListener('abort', onAbort);
      outcome();
    };

    createInterface({ input: child.stdout, crlfDelay: Infinity }).on('line', (text) => {
      const at = now();
      lineNo++;
      if (text.startsWith('PERFLAB ')) markers.push({ at, text, lineNo });
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = Buffer.concat([stderr, chunk]);
      if (stderr.length > STDERR_TAIL_BYTES) stderr = stderr.subarray(stderr.length - STDERR_TAIL_BYTES);
    });

    child.on('error', (error: NodeJS.ErrnoException) => settle(() => reject(spawnFailure(spec, error))));
    child.on('exit', () => {
      exitedAt = now();
      cpuAfter = readChildrenCpu(); // the program has been waited for: its CPU is in our cutime now
      sampler?.stop();
      if (pid !== undefined) killGroup(pid); // leftovers would hold stdout open and skew the next run
      // A descendant that left the group (setsid) can still hold the pipes: stop waiting for it.
      grace = setTimeout(() => {
        child.stdout.destroy();
        child.stderr.destroy();
      }, STDIO_GRACE_MS);
    });
    child.on('close', (code, killedBy) => {
      settle(() => {
        if (signal.aborted) return reject(signal.reason);
        if (code !== 0) return reject(exitFailure(spec, code, killedBy, stderr.toString('utf8')));
        const sampled = sampler?.result ?? { userTicks: 0, sysTicks: 0, peakRssBytes: 0 };
        resolve({
          wallNs: (exitedAt ?? now()) - startedAt,
          userTicks: Math.max(cpuAfter!.user - cpuBefore.user, sampled.userTicks),
          sysTicks: Math.max(cpuAfter!.sys - cpuBefore.sys, sampled.sysTicks),
          peakRssBytes: sampled.peakRssBytes,
          markers,
        });
      });
    });
  });
}

const MARKER = /^PERFLAB (start|end)(?: (\d+))?\r?$/;
const MARKER_LIKE = /^PERFLAB (start|end)\b/;

/** The execution's region durations in ns, or null when it printed no markers. */
function regionSamples(spec: CommandSpec, execution: Execution): number[] | null {
  const lines = execution.markers.filter((m) => MARKER_LIKE.test(m.text));
  if (lines.length === 0) return null;
  const samples: number[] = [];
  let open: { line: MarkerLine; own: bigint | undefined } | undefined;
  for (const line of lines) {
    const match = MARKER.exec(line.text);
    if (!match) throw failure(spec, `malformed marker on stdout line ${line.lineNo}: "${line.text}" (expected "PERFLAB start", "PERFLAB end", optionally followed by a timestamp in ns)`);
    const own = match[2] === undefined ? undefined : BigInt(match[2]);
    if (match[1] === 'start') {
      if (open) throw failure(spec, `"PERFLAB start" on stdout line ${line.lineNo} while the region started on line ${open.line.lineNo} is still open`);
      open = { line, own };
      continue;
    }
    if (!open) throw failure(spec, `"PERFLAB end" on stdout line ${line.lineNo} without a "PERFLAB start" before it`);
    const ns = open.own !== undefined && own !== undefined ? own - open.own : line.at - open.line.at;
    if (ns < 0n) throw failure(spec, `the region ending on stdout line ${line.lineNo} ends before it starts (${open.own} → ${own})`);
    samples.push(Number(ns));
    open = undefined;
  }
  if (open) throw failure(spec, `the region started on stdout line ${open.line.lineNo} was never ended: "PERFLAB end" is missing`);
  return samples;
}

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch (error) {
    // ESRCH: the group is already gone
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

// ── Errors ─────────────────────────────────────────────────────────────────

function failure(spec: CommandSpec, problem: string, cause?: unknown): PerflabError {
  return new PerflabError(ErrorCode.CommandFailed, `command "${showArgv(spec.argv)}" ${problem}`, { cause });
}

function spawnFailure(spec: CommandSpec, error: NodeJS.ErrnoException): PerflabError {
  // Node reports a missing working directory as the program's ENOENT.
  if (error.code === 'ENOENT' && !existsSync(spec.cwd)) return failure(spec, `could not start: working directory not found: ${spec.cwd}`, error);
  const why = error.code === 'ENOENT' ? 'not found' : error.code === 'EACCES' ? 'permission denied' : error.message;
  return failure(spec, `could not start: ${why} (${error.message})`, error);
}

function exitFailure(spec: CommandSpec, code: number | null, killedBy: NodeJS.Signals | null, stderr: string): PerflabError {
  const how = code !== null ? `exited with code ${code}` : `was killed by ${killedBy ?? 'a signal'}`;
  const tail = stderr.split(/\r?\n/).filter((l) => l.trim() !== '').slice(-10).join('\n').slice(-1000);
  return failure(spec, `${how}: ${tail === '' ? '(nothing on stderr)' : tail}`);
}

/** argv as a shell would read it, for messages. */
function showArgv(argv: readonly string[]): string {
  return argv.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replaceAll("'", `'\\''`)}'`)).join(' ');
}
