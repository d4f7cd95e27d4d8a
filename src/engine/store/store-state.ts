// state.json, loaded whole and indexed for O(1) reads, with the archives of
// what no longer needs to be at hand (closed alerts, replaced baselines).
// Every change builds the next state, writes it, and only then swaps it in,
// so readers never see a change that is not on disk. The caller (the store's
// write queue) runs one change at a time.
import { access, copyFile, readFile } from 'node:fs/promises';
import type { Low } from 'lowdb';
import { z } from 'zod';
import { deliveryClaimable } from '../alert/delivery-claim.js';
import { cleanRun, sightFinding } from '../alert/finding-lifecycle.js';
import type { Alert, AlertDelivery, AlertState, Baseline, Finding, FindingReport, FindingState, Job, Schedule, Sighting, WatchCursor } from '../model.js';
import { AlertArchive, isLive } from './alert-archive.js';
import { BaselineArchive } from './baseline-archive.js';
import { ifExistsAsync } from './if-exists.js';
import type { LineAppender } from './line-file.js';
import { migrateState, SCHEMA_VERSION } from './migrations.js';
import { deepFreeze, snapshot } from './snapshot.js';
import type { StateFile } from './state-file.js';
import { emptyState, stateFileSchema } from './state-file.js';
import type { AlertStatePatch, FindingSighting, FindingTransition, Transition } from './store.js';
import { checkStoreData, commit, corruptStoreFile, parseStoreJson, storeFile } from './store-file.js';
import type { StoreLayout } from './store-layout.js';

interface StateArchives {
  alerts: AlertArchive;
  baselines: BaselineArchive;
}

export class StoreState {
  readonly #file: Low<StateFile>;
  readonly #path: string;
  readonly #archives: StateArchives;
  #baselines = new Map<string, Baseline>();
  #alerts = new Map<string, Alert>();

  private constructor(file: Low<StateFile>, path: string, archives: StateArchives) {
    this.#file = file;
    this.#path = path;
    this.#archives = archives;
    this.#index(file.data);
  }

  /**
   * Reads state.json (creating it in a new store), migrates the store to the
   * current schema version, then opens the archives (which lists their months).
   */
  static async load(layout: StoreLayout, appender: LineAppender): Promise<StoreState> {
    const path = layout.stateFile;
    const file = storeFile<StateFile>(path, stateFileSchema, emptyState(SCHEMA_VERSION), 'pretty');
    const text = await ifExistsAsync(() => readFile(path, 'utf8'));
    if (text === undefined) {
      if (await hasPartitions(layout)) {
        throw corruptStoreFile(path, 'missing, although the store holds runs, results, history or audit events; restore it (perflab will not start an empty one over existing data)');
      }
      await commit(file, emptyState(SCHEMA_VERSION));
    } else {
      const { state: migrated, from } = await migrateState(parseStoreJson(text, path, z.unknown()), layout);
      const state = deepFreeze(checkStoreData(migrated, path, stateFileSchema));
      if (from < SCHEMA_VERSION) {
        // Keep what the older perflab wrote, in case the user has to go back to it.
        await copyFile(path, `${path}.v${from}.bak`);
        await commit(file, state);
      } else {
        file.data = state;
      }
    }
    const archives = { alerts: await AlertArchive.open(layout, appender), baselines: new BaselineArchive(layout, appender) };
    return new StoreState(file, path, archives);
  }

  getBaseline(caseId: string, machine: string): Baseline | undefined {
    return this.#baselines.get(baselineKey(caseId, machine));
  }

  listBaselines(machine?: string): Baseline[] {
    const all = this.#file.data.baselines;
    return machine === undefined ? [...all] : all.filter((baseline) => baseline.machine === machine);
  }

  /** Every baseline accepted for the case on the machine, oldest first; the current one is last. */
  baselineHistory(caseId: string, machine: string): Promise<Baseline[]> {
    return this.#archives.baselines.history(caseId, machine, this.getBaseline(caseId, machine));
  }

  /** The replaced baseline goes to the archive first (see baseline-archive.ts), then the new one into state.json. */
  async acceptBaseline(baseline: Baseline): Promise<void> {
    const accepted = snapshot(baseline);
    const replaced = this.getBaseline(accepted.caseId, accepted.machine);
    if (replaced) await this.#archives.baselines.add(replaced);
    const state = this.#file.data;
    await this.#commit({ ...state, baselines: [...state.baselines.filter((b) => b !== replaced), accepted] });
  }

  /** A live alert from memory; any other from the archive. */
  async getAlert(id: string): Promise<Alert | undefined> {
    return this.#alerts.get(id) ?? (await this.#archives.alerts.get(id));
  }

  /**
   * By creation time, then id. Open and investigating alerts come from memory;
   * asking for all alerts, or closed ones, reads the archive.
   */
  async listAlerts(state?: AlertState): Promise<Alert[]> {
    const live = this.#file.data.alerts;
    const all = state !== undefined && isLive({ state }) ? [...live] : [...live, ...(await this.#archives.alerts.list()).filter((alert) => !this.#alerts.has(alert.id))];
    return all.filter((alert) => state === undefined || alert.state === state).sort(byCreation);
  }

  async addAlert(alert: Alert): Promise<void> {
    if (this.#alerts.has(alert.id) || (await this.#archives.alerts.has(alert.id, alert.createdAt))) throw new Error(`alert ${alert.id} already exists`);
    await this.#putAlert(undefined, snapshot(alert));
  }

  /** Check and change in one step: the caller's queue guarantees nothing runs in between. */
  async transitionAlert(id: string, from: readonly AlertState[], to: AlertState, by: string, patch: AlertStatePatch = {}): Promise<Transition> {
    const alert = await this.getAlert(id);
    if (!alert) return { ok: false, reason: 'not-found' };
    if (!from.includes(alert.state)) return { ok: false, reason: 'wrong-state', alert };
    const moved = snapshot({ ...alert, ...patch, state: to, stateBy: by, stateAt: new Date().toISOString() });
    await this.#putAlert(alert, moved);
    return { ok: true, alert: moved };
  }

  async setAlertDelivery(id: string, delivery: AlertDelivery): Promise<Alert | undefined> {
    return this.patchAlert(id, { delivery });
  }

  /** Check and change in one step, as `transitionAlert`. */
  async claimAlertDelivery(id: string, by: string, leaseMs: number): Promise<Alert | undefined> {
    const alert = await this.getAlert(id);
    const now = Date.now();
    if (!alert || !deliveryClaimable(alert.delivery, now)) return undefined;
    const delivery = { state: 'posting', attempts: alert.delivery?.attempts ?? 0, claims: (alert.delivery?.claims ?? 0) + 1, claimedBy: by, claimedUntil: new Date(now + leaseMs).toISOString() } as const;
    return this.patchAlert(id, { delivery });
  }

  /** Adds facts to an alert (its delivery, a culprit); never its state, which only `transitionAlert` moves. */
  async patchAlert(id: string, patch: Pick<Alert, 'delivery'> | Pick<Alert, 'culprit'>): Promise<Alert | undefined> {
    const alert = await this.getAlert(id);
    if (!alert) return undefined;
    // Only a regression or improvement has a culprit; the store checks it rather than trusting the caller.
    if ('culprit' in patch && alert.kind !== 'regression' && alert.kind !== 'improvement' && alert.kind !== 'drift') throw new Error(`alert ${id} is a ${alert.kind} alert: it has no culprit`);
    const updated = snapshot({ ...alert, ...patch } as Alert);
    await this.#putAlert(alert, updated);
    return updated;
  }

  getFinding(id: string): Finding | undefined {
    return this.#file.data.findings.find((f) => f.id === id);
  }

  listFindings(filter: { state?: FindingState; mode?: Finding['mode']; caseId?: string } = {}): Finding[] {
    return this.#file.data.findings.filter(
      (f) => (filter.state === undefined || f.state === filter.state) && (filter.mode === undefined || f.mode === filter.mode) && (filter.caseId === undefined || f.caseId === filter.caseId),
    );
  }

  /** One sighting, by the rules of `sightFinding`: a new finding, another sighting, or a fixed one back as `regressed`. */
  async recordFinding(report: FindingReport, seen: Sighting, newId: () => string): Promise<FindingSighting> {
    const state = this.#file.data;
    const existing = state.findings.find((f) => f.mode === report.mode && f.signature === report.signature);
    const sighting = sightFinding(existing, report, seen, newId());
    const finding = snapshot(sighting.finding);
    if (existing) await this.#replaceIn('findings', existing, finding);
    else await this.#commit({ ...state, findings: [...state.findings, finding] });
    return { outcome: sighting.outcome, finding };
  }

  /** Atomic: moves the finding to `to` only if its state is one of `from`. */
  async transitionFinding(id: string, from: readonly FindingState[], to: FindingState, by: string, patch: Partial<Pick<Finding, 'fixedIn' | 'flaky'>> = {}): Promise<FindingTransition> {
    const finding = this.getFinding(id);
    if (!finding) return { ok: false, reason: 'not-found' };
    if (!from.includes(finding.state)) return { ok: false, reason: 'wrong-state', finding };
    const next = snapshot<Finding>({ ...finding, ...patch, state: to, stateBy: by, stateAt: new Date().toISOString() });
    await this.#replaceIn('findings', finding, next);
    return { ok: true, finding: next };
  }

  /** A run of the finding's case that did not see it, by the rules of `cleanRun`. */
  async countCleanRun(id: string, seen: Sighting, fixedAfter: number): Promise<Finding | undefined> {
    const finding = this.getFinding(id);
    if (!finding) return undefined;
    const counted = cleanRun(finding, seen, fixedAfter);
    if (counted === finding) return finding;
    const next = snapshot(counted);
    await this.#replaceIn('findings', finding, next);
    return next;
  }

  async setFindingFlaky(id: string, flaky: boolean): Promise<Finding | undefined> {
    const finding = this.getFinding(id);
    if (!finding) return undefined;
    const next = snapshot<Finding>({ ...finding, flaky });
    await this.#replaceIn('findings', finding, next);
    return next;
  }

  listSchedules(): Schedule[] {
    return [...this.#file.data.schedules];
  }

  async addSchedule(schedule: Schedule): Promise<void> {
    const state = this.#file.data;
    if (state.schedules.some((s) => s.id === schedule.id)) throw new Error(`schedule ${schedule.id} already exists`);
    await this.#commit({ ...state, schedules: [...state.schedules, snapshot(schedule)] });
  }

  /** Removes the schedule; returns it, or undefined when there was none with that id. */
  async removeSchedule(id: string): Promise<Schedule | undefined> {
    const state = this.#file.data;
    const removed = state.schedules.find((s) => s.id === id);
    if (removed) await this.#commit({ ...state, schedules: state.schedules.filter((s) => s !== removed) });
    return removed;
  }

  listJobs(): Job[] {
    return [...this.#file.data.jobs];
  }

  /** Inserts or replaces the job (by id); finished jobs beyond the newest `keepFinished` are forgotten. */
  async putJob(job: Job, keepFinished: number): Promise<void> {
    const state = this.#file.data;
    const saved = snapshot(job);
    const known = state.jobs.some((j) => j.id === job.id);
    const jobs = known ? state.jobs.map((j) => (j.id === job.id ? saved : j)) : [...state.jobs, saved];
    const finished = jobs.filter((j) => j.finishedAt !== undefined);
    const forget = new Set(finished.slice(0, Math.max(0, finished.length - keepFinished)));
    await this.#commit({ ...state, jobs: jobs.filter((j) => !forget.has(j)) });
  }

  getCursor(repo: string, branch: string): WatchCursor | undefined {
    return this.#file.data.cursors.find((c) => c.repo === repo && c.branch === branch);
  }

  async setCursor(cursor: WatchCursor): Promise<void> {
    const state = this.#file.data;
    const others = state.cursors.filter((c) => !(c.repo === cursor.repo && c.branch === cursor.branch));
    await this.#commit({ ...state, cursors: [...others, snapshot(cursor)] });
  }

  async #replaceIn<K extends 'findings'>(key: K, old: StateFile[K][number], next: StateFile[K][number]): Promise<void> {
    const state = this.#file.data;
    await this.#commit({ ...state, [key]: state[key].map((x) => (x === old ? next : x)) });
  }

  /**
   * Stores `next`, the new version of `old` (undefined for a new alert): a live
   * alert in state.json, any other in the archive. An alert that stops being
   * live goes to the archive first, then leaves state.json (see alert-archive.ts).
   */
  async #putAlert(old: Alert | undefined, next: Alert): Promise<void> {
    const wasLive = old !== undefined && this.#alerts.get(old.id) === old;
    const state = this.#file.data;
    if (isLive(next)) {
      const alerts = wasLive ? state.alerts.map((a) => (a === old ? next : a)) : [...state.alerts, next];
      await this.#commit({ ...state, alerts });
      return;
    }
    await this.#archives.alerts.put(next);
    if (wasLive) await this.#commit({ ...state, alerts: state.alerts.filter((a) => a !== old) });
  }

  async #commit(next: StateFile): Promise<void> {
    await commit(this.#file, next);
    this.#index(next);
  }

  #index(state: StateFile): void {
    const baselines = new Map<string, Baseline>();
    for (const baseline of state.baselines) {
      const key = baselineKey(baseline.caseId, baseline.machine);
      if (baselines.has(key)) {
        throw corruptStoreFile(this.#path, `two current baselines for case ${baseline.caseId} on machine ${baseline.machine}`);
      }
      baselines.set(key, baseline);
    }
    const alerts = new Map<string, Alert>();
    for (const alert of state.alerts) {
      if (alerts.has(alert.id)) throw corruptStoreFile(this.#path, `two alerts with id ${alert.id}`);
      alerts.set(alert.id, alert);
    }
    this.#baselines = baselines;
    this.#alerts = alerts;
  }
}

function byCreation(a: Alert, b: Alert): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function baselineKey(caseId: string, machine: string): string {
  return `${caseId}\u0000${machine}`;
}

async function hasPartitions(layout: StoreLayout): Promise<boolean> {
  for (const dir of [layout.runsDir, layout.resultsDir, layout.historyDir, layout.auditDir, layout.alertsDir, layout.baselinesDir]) {
    try {
      await access(dir);
      return true;
    } catch {
      // absent: keep looking
    }
  }
  return false;
}
