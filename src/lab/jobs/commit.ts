// A batch of new commits from a watched branch: check out the batch's last
// commit, build it, replay known fuzz findings, run the benchmarks against the baselines, and — when the
// batch holds several commits and one of them made things slower — queue a
// bisection to name the culprit. A build that fails is an alert, not a crash.
import { join } from 'node:path';
import { z } from 'zod';
import { BuildFailed, withBuiltCheckout } from '../../engine/git/build-checkout.js';
import { commitsBetween, mirrorDir } from '../../engine/git/mirror.js';
import type { Alert, Run } from '../../engine/model.js';
import type { Job } from '../../engine/queue/job-queue.js';
import { newRunId } from '../../engine/run-id.js';
import { runBench } from '../../modes/bench/run-bench.js';
import { FuzzPool } from '../../modes/fuzz/fuzz-pool.js';
import { replayKnownFindings } from '../../modes/fuzz/replay-findings.js';
import type { LabContext } from '../lab-context.js';
import { defineJobKind } from './job-kind.js';

export const commitRequestSchema = z
  .object({
    url: z.string(),
    branch: z.string(),
    suites: z.string(),
    install: z.string().optional(),
    buildTimeoutSeconds: z.number().int().positive(),
    /** Run the canary with this run; default: as the lab does. */
    canary: z.boolean().optional(),
    /** The batch, oldest first; the last one is measured. */
    commits: z.array(z.string().regex(/^[0-9a-f]{40}$/)).min(1),
    /** The commit before the batch (the branch's previous tip), when there was one. */
    parent: z.string().regex(/^[0-9a-f]{40}$/).optional(),
  })
  .strict();

export type CommitRequest = z.infer<typeof commitRequestSchema>;

export const commitJob = defineJobKind({
  request: commitRequestSchema,
  describe: (request) => `${request.branch} @${(request.commits.at(-1) ?? '').slice(0, 10)}${request.commits.length > 1 ? ` (${request.commits.length} commits)` : ''}`,
  // The same commit measured once, however the batches around it were cut.
  dedupeKey: (request) => `commit:${request.url}:${request.commits.at(-1) ?? ''}`,
  run: runCommit,
});

async function runCommit(lab: LabContext, job: Job, request: CommitRequest, signal: AbortSignal): Promise<void> {
  const repo = mirrorDir(lab.store.dir, request.url);
  const commit = request.commits.at(-1) as string;
  const build = { ...(request.install ? { command: request.install } : {}), timeoutMs: request.buildTimeoutSeconds * 1000, signal };
  try {
    await withBuiltCheckout(repo, commit, build, async (dir) => {
      await replayFuzzFindings(lab, job, join(dir, request.suites), commit, signal);
      const report = await runBench({
        suitesDir: join(dir, request.suites),
        filter: () => true,
        store: lab.store,
        machine: lab.machine,
        trigger: job.trigger,
        checkout: { root: dir, commit, dirty: false },
        overrides: lab.overrides,
        canary: request.canary ?? lab.canary,
        pool: lab.pool,
        signal,
        onProgress: (progress) => lab.emit(job, { type: 'progress', job, progress }),
      });
      await lab.audit(job.trigger, 'commit.run', { url: request.url, branch: request.branch, commits: request.commits.length, commit, runId: report.run.id });
      lab.deliver(report.alerts);
      // This run's regression; the alerts may also hold older ones it closed as fixed.
      const regression = report.alerts.find((a) => a.kind === 'regression' && a.runId === report.run.id);
      if (regression && request.commits.length > 1 && request.parent && !signal.aborted) queueBisection(lab, request, request.parent, request.commits, regression);
      for (const drift of report.alerts) if (drift.kind === 'drift' && !signal.aborted) await queueDriftBisection(lab, request, drift);
      lab.emit(job, signal.aborted ? { type: 'cancelled', job, report } : { type: 'run-finished', job, report });
    });
  } catch (error) {
    if (!(error instanceof BuildFailed) || signal.aborted) throw error;
    const alert = await recordBuildFailure(lab, job, commit, error);
    lab.deliver([alert]);
    lab.emit(job, { type: 'build-failed', job, commit, message: error.message, output: error.output });
  }
}

/**
 * Known fuzz findings are replayed at every new commit first: one that stops
 * reproducing is marked fixed at this commit, one that was fixed and
 * reproduces again is regressed, and alerts.
 */
async function replayFuzzFindings(lab: LabContext, job: Job, suitesDir: string, commit: string, signal: AbortSignal): Promise<void> {
  if ((await lab.store.listFindings({ mode: 'fuzz' })).length === 0 || signal.aborted) return;
  const pool = new FuzzPool();
  try {
    const { alert } = await replayKnownFindings({ store: lab.store, suitesDir, commit, machine: lab.machine, trigger: job.trigger, pool, signal });
    if (alert) lab.deliver([alert]);
  } finally {
    await pool.close();
  }
}

/**
 * A drift that made things slower is bisected as a regression is: from the
 * last commit at the old level over the commits up to the first at the new
 * one. A drift that sits on one commit has nothing to bisect.
 */
async function queueDriftBisection(lab: LabContext, request: CommitRequest, alert: Extract<Alert, { kind: 'drift' }>): Promise<void> {
  const { from, to, ratio } = alert.drift;
  if (ratio <= 1 || !from.commit || !to.commit) return;
  const commits = await commitsBetween(mirrorDir(lab.store.dir, request.url), from.commit, to.commit).catch(() => []);
  if (commits.length > 1) queueBisection(lab, request, from.commit, commits, alert);
}

function queueBisection(lab: LabContext, request: CommitRequest, good: string, commits: readonly string[], alert: Alert): void {
  lab.submit('bisect', {
    url: request.url,
    suites: request.suites,
    ...(request.install ? { install: request.install } : {}),
    buildTimeoutSeconds: request.buildTimeoutSeconds,
    alertId: alert.id,
    caseIds: alert.caseIds,
    good,
    commits: [...commits],
  }, { kind: 'commit', by: `bisect:${alert.id}` });
}

/** A run with no results and a `build-failed` alert carrying the end of the build's output. */
async function recordBuildFailure(lab: LabContext, job: Job, commit: string, error: BuildFailed): Promise<Alert> {
  const now = new Date().toISOString();
  const run: Run = { id: newRunId(), mode: 'bench', commit, dirty: false, machine: lab.machine, trigger: job.trigger, startedAt: now, finishedAt: null, environment: 'ok' };
  await lab.store.beginRun(run);
  await lab.store.recordResults(run.id, []);
  await lab.store.finishRun(run.id, { finishedAt: new Date().toISOString(), environment: 'ok' });
  const alert: Alert = {
    id: `${run.id}-build-failed`,
    runId: run.id,
    commit,
    kind: 'build-failed',
    caseIds: [],
    state: 'open',
    createdAt: now,
    message: `${error.message}\n${error.output}`.trim(),
  };
  await lab.store.addAlert(alert);
  await lab.audit(job.trigger, 'commit.build-failed', { commit, runId: run.id });
  return alert;
}
