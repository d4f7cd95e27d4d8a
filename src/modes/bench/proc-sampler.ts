// Sampling a process tree through /proc (Linux): CPU ticks and resident
// memory of a program and its descendants while it runs, and the CPU of the
// children this process has waited for. Elsewhere every reading is 0.
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';

const onLinux = process.platform === 'linux';
const SAMPLE_EVERY_MS = 10;

export interface CpuTicks {
  user: number;
  sys: number;
}

/** Samples the program and its descendants every ~10 ms while it runs. */
export class TreeSampler {
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
export function readChildrenCpu(): CpuTicks {
  const stat = onLinux ? readProc('/proc/self/stat') : undefined;
  if (stat === undefined) return { user: 0, sys: 0 };
  const cpu = parseStatCpu(stat);
  return { user: cpu.childUser, sys: cpu.childSys };
}

let ticksPerSecond: number | undefined;

export function clockTicksPerSecond(): number {
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

/** A /proc file, or undefined when the process exited meanwhile (ENOENT, ESRCH) or /proc is not there. */
function readProc(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if (processGone(error)) return undefined;
    throw error;
  }
}

function readDir(path: string): string[] {
  try {
    return readdirSync(path);
  } catch (error) {
    if (processGone(error)) return [];
    throw error;
  }
}

function processGone(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ESRCH' || code === 'ENOTDIR';
}
