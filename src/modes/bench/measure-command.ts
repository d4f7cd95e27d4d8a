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
import { execFileSync, spawn, type ChildProcessByStdio } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { median } from 'simple-statistics';
import { ErrorCode, PerflabError } from '../../engine/errors.js';
import type { ProcessStats } from '../../engine/model.js';

// Captured at load so a suite that replaces them cannot skew the harness.
const now = process.hrtime.bigint.bind(process.hrtime);
const onLinux = process.platform === 'linux';

const SAMPLE_EVERY_MS = 10;
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

// ── /proc sampling (Linux) ─────────────────────────────────────────────────

interface CpuTicks {
  user: number;
  sys: number;
}

/** Samples the program and its descendants every ~10 ms while it runs. */
class TreeSampler {
  readonly result = { userTicks: 0, sysTicks: 0, peakRssBytes: 0 };
  private readonly timer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly pid: number) {
    this.timer = onLinux ? setInterval(() => this.sample(), SAMPLE_EVERY_MS) : undefined;
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private sample(): void {
    let rss = 0;
    let user = 0;
    let sys = 0;
    for (const pid of processTree(this.pid)) {
      const status = readProc(`/proc/${pid}/status`);
      const stat = readProc(`/proc/${pid}/stat`);
      if (status === undefined || stat === undefined) continue; // it exited meanwhile
      rss += kB(status, 'VmRSS');
      // VmHWM remembers a peak between two samples, per process.
      this.result.peakRssBytes = Math.max(this.result.peakRssBytes, kB(status, 'VmHWM'));
      const cpu = parseStatCpu(stat);
      user += cpu.user + cpu.childUser;
      sys += cpu.sys + cpu.childSys;
    }
    this.result.peakRssBytes = Math.max(this.result.peakRssBytes, rss);
    // Descendants that are re-parented leave the tree, so the sum can shrink: keep the largest.
    this.result.userTicks = Math.max(this.result.userTicks, user);
    this.result.sysTicks = Math.max(this.result.sysTicks, sys);
  }
}

/** `pid` and its live descendants, found through /proc/<pid>/task/<tid>/children. */
function processTree(root: number): number[] {
  const seen = new Set<number>([root]);
  const queue = [root];
  for (let pid = queue.shift(); pid !== undefined; pid = queue.shift()) {
    for (const tid of readDir(`/proc/${pid}/task`)) {
      for (const child of (readProc(`/proc/${pid}/task/${tid}/children`) ?? '').split(' ')) {
        const n = Number(child);
        if (child !== '' && !seen.has(n)) {
          seen.add(n);
          queue.push(n);
        }
      }
    }
  }
  return [...seen];
}

/** Fields 14–17 of /proc/<pid>/stat, in clock ticks. The command name (field 2) may contain spaces and parentheses. */
function parseStatCpu(stat: string): CpuTicks & { childUser: number; childSys: number } {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state), so field n is fields[n - 3].
  return { user: Number(fields[11]), sys: Number(fields[12]), childUser: Number(fields[13]), childSys: Number(fields[14]) };
}

/** CPU of the children perflab has waited for (cutime, cstime), in clock ticks. */
function readChildrenCpu(): CpuTicks {
  const stat = onLinux ? readProc('/proc/self/stat') : undefined;
  if (stat === undefined) return { user: 0, sys: 0 };
  const cpu = parseStatCpu(stat);
  return { user: cpu.childUser, sys: cpu.childSys };
}

let ticksPerSecond: number | undefined;

function clockTicksPerSecond(): number {
  if (ticksPerSecond === undefined) {
    ticksPerSecond = 100;
    if (onLinux) {
      try {
        const n = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
        if (Number.isInteger(n) && n > 0) ticksPerSecond = n;
      } catch {
        // no getconf: 100 is what Linux uses on every common architecture
      }
    }
  }
  return ticksPerSecond;
}

function kB(status: string, field: string): number {
  const match = new RegExp(`^${field}:\\s*(\\d+) kB`, 'm').exec(status);
  return match ? Number(match[1]) * 1024 : 0;
}

function readProc(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function readDir(path: string): string[] {
  try {
    return readdirSync(path);
  } catch {
    return [];
  }
}

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // ESRCH: the group is already gone
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
