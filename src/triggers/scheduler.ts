// Schedules (node-cron v4): each stored schedule is a cron task whose
// callback only queues a job — heavy work never runs inside the callback.
// If the schedule's previous job is still queued or running, the new one is
// skipped and the skip is recorded (an audit event), not stacked up.
// Schedules from perflab.config.json are re-read at every start; those added
// from Slack or the CLI live in the store and survive restarts.
import { logError } from '../engine/log/logger.js';
import { randomBytes } from 'node:crypto';
import cron, { type ScheduledTask } from 'node-cron';
import { ErrorCode, PerflabError } from '../engine/errors.js';
import type { Job, Schedule, ScheduleMode, Trigger } from '../engine/model.js';
import { cronProblem, timezoneProblem, type ScheduleConfig } from '../engine/config/schedule-config.js';
import type { Lab } from '../lab/lab.js';

export interface SchedulerOptions {
  /** Zone for schedules that name none. Default UTC. */
  timezone?: string;
  /** The `schedules` section of perflab.config.json. */
  configured?: readonly ScheduleConfig[];
  onError?: (context: string, error: unknown) => void;
  /** Told when a schedule fires: the job it queued, or why it queued none. */
  onFire?: (schedule: Schedule, outcome: FireOutcome) => void;
}

export type FireOutcome = { queued: true; jobId: string } | { queued: false; reason: string };

export interface ScheduleRequest {
  cron: string;
  pattern: string;
  mode: ScheduleMode;
  timezone?: string;
}

export class Scheduler {
  readonly #lab: Lab;
  readonly #timezone: string;
  readonly #configured: readonly ScheduleConfig[];
  readonly #onError: (context: string, error: unknown) => void;
  readonly #onFire: SchedulerOptions['onFire'];
  readonly #tasks = new Map<string, ScheduledTask>();
  /** The last job each schedule queued, to skip overlapping runs. */
  readonly #lastJob = new Map<string, string>();
  /** Audit writes of skipped runs still under way. */
  readonly #recording = new Set<Promise<void>>();

  constructor(lab: Lab, options: SchedulerOptions = {}) {
    this.#lab = lab;
    this.#timezone = options.timezone ?? 'UTC';
    const problem = timezoneProblem(this.#timezone);
    if (problem) throw new PerflabError(ErrorCode.Config, `timezone: ${problem}`);
    this.#configured = options.configured ?? [];
    this.#onError = options.onError ?? logError;
    this.#onFire = options.onFire;
  }

  /** Brings the configured schedules into the store (replacing the previous config's) and starts every schedule's task. */
  async start(): Promise<void> {
    const fromConfig = this.#configured.map((c, i): Schedule => ({
      id: `config-${c.id ?? i + 1}`,
      cron: c.cron.trim(),
      timezone: c.timezone ?? this.#timezone,
      pattern: c.pattern,
      mode: c.mode,
      createdBy: 'perflab.config.json',
      createdAt: new Date().toISOString(),
      source: 'config',
    }));
    for (const old of (await this.#lab.schedules()).filter((s) => s.source === 'config')) {
      const same = fromConfig.find((s) => s.id === old.id && s.cron === old.cron && s.timezone === old.timezone && s.pattern === old.pattern && s.mode === old.mode);
      if (!same) await this.#lab.removeSchedule(old.id);
    }
    for (const schedule of fromConfig) if (!(await this.#lab.schedules()).some((s) => s.id === schedule.id)) await this.#lab.addSchedule(schedule);
    for (const schedule of await this.#lab.schedules()) this.#startTask(schedule);
  }

  /** Stops every task and waits for the skips already being recorded. */
  async stop(): Promise<void> {
    for (const task of this.#tasks.values()) await task.destroy();
    this.#tasks.clear();
    await Promise.all(this.#recording);
  }

  /** Every schedule with its next run time (null when stopped). */
  async list(): Promise<{ schedule: Schedule; nextRun: Date | null }[]> {
    return (await this.#lab.schedules()).map((schedule) => ({ schedule, nextRun: this.#tasks.get(schedule.id)?.getNextRun() ?? null }));
  }

  /** Checks, stores and starts a schedule. Bad input is a PerflabError with a message for the person who typed it. */
  async add(request: ScheduleRequest, by: string): Promise<Schedule> {
    const cronText = request.cron.trim();
    const problem = cronProblem(cronText) ?? (request.timezone ? timezoneProblem(request.timezone) : undefined);
    if (problem) throw new PerflabError(ErrorCode.Config, problem);
    const schedule: Schedule = {
      id: `s-${randomBytes(3).toString('hex')}`,
      cron: cronText,
      timezone: request.timezone ?? this.#timezone,
      pattern: request.pattern,
      mode: request.mode,
      createdBy: by,
      createdAt: new Date().toISOString(),
      source: 'store',
    };
    await this.#lab.addSchedule(schedule);
    await this.#lab.audit({ kind: 'command', by }, 'schedule.add', { ...schedule });
    this.#startTask(schedule);
    return schedule;
  }

  /** Stops and forgets a schedule. Config schedules are changed in the config file, not here. */
  async remove(id: string, by: string): Promise<{ ok: true; schedule: Schedule } | { ok: false; reason: string }> {
    const schedule = (await this.#lab.schedules()).find((s) => s.id === id);
    if (!schedule) return { ok: false, reason: `there is no schedule ${id}` };
    if (schedule.source === 'config') return { ok: false, reason: `schedule ${id} comes from perflab.config.json; change it there` };
    await this.#tasks.get(id)?.destroy();
    this.#tasks.delete(id);
    await this.#lab.removeSchedule(id);
    await this.#lab.audit({ kind: 'command', by }, 'schedule.remove', { ...schedule });
    return { ok: true, schedule };
  }

  /**
   * What the cron callback does: queue the schedule's job, unless its
   * previous one is still waiting or running. `tick` is the instant the cron
   * expression matched (default now); a digest is named by it, so the same
   * tick fired twice posts one digest.
   */
  fire(schedule: Schedule, tick: Date = new Date()): FireOutcome {
    const previous = this.#lastJob.get(schedule.id);
    const state = previous ? this.#lab.job(previous)?.state : undefined;
    let outcome: FireOutcome;
    if (state === 'queued' || state === 'running') {
      outcome = { queued: false, reason: `its previous job ${previous} is still ${state}` };
      const recorded = this.#lab
        .audit({ kind: 'schedule', by: `schedule:${schedule.id}` }, 'schedule.skipped', { scheduleId: schedule.id, previousJob: previous, state })
        .catch((error: unknown) => this.#onError('recording a skipped schedule', error));
      this.#recording.add(recorded);
      void recorded.finally(() => this.#recording.delete(recorded));
    } else {
      const job = this.#submit(schedule, tick);
      this.#lastJob.set(schedule.id, job.id);
      outcome = { queued: true, jobId: job.id };
    }
    this.#onFire?.(schedule, outcome);
    return outcome;
  }

  #submit(schedule: Schedule, tick: Date): Job {
    const trigger: Trigger = { kind: 'schedule', by: `schedule:${schedule.id}` };
    const { pattern } = schedule;
    switch (schedule.mode) {
      case 'bench':
        return this.#lab.submit('run', { pattern }, trigger);
      case 'stress':
      case 'fuzz':
        return this.#lab.submit(schedule.mode, { pattern }, trigger);
      case 'digest':
        return this.#lab.submit('digest', { ...(pattern === 'all' ? {} : { pattern }), at: tick.toISOString() }, trigger);
    }
  }

  #startTask(schedule: Schedule): void {
    if (this.#tasks.has(schedule.id)) return;
    const task = cron.schedule(
      schedule.cron,
      (context) => {
        try {
          this.fire(schedule, context.date);
        } catch (error) {
          this.#onError(`schedule ${schedule.id}`, error);
        }
      },
      { timezone: schedule.timezone, noOverlap: true, name: schedule.id },
    );
    this.#tasks.set(schedule.id, task);
  }
}
