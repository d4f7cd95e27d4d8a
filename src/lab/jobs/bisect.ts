// After a batch of commits showed a confirmed regression: find the commit
// that caused it. Each step measures one commit of the batch against the
// commit before the batch, interleaved (the confirmation method); a commit
// that does not build is skipped, as `git bisect skip` does. The culprit goes
// on the alert and in its thread.
import { z } from 'zod';
import { BuildFailed, withBuiltCheckout } from '../../engine/git/build-checkout.js';
import { commitInfo, mirrorDir } from '../../engine/git/mirror.js';
import type { Culprit } from '../../engine/model.js';
import type { Job } from '../../engine/queue/job-queue.js';
import { bisect, type BisectOutcome, type BisectVerdict } from '../../engine/compare/bisect.js';
import { compareRefs } from '../../modes/bench/compare-refs.js';
import type { LabContext } from '../lab-context.js';
import { defineJobKind } from './job-kind.js';

const sha = z.string().regex(/^[0-9a-f]{40}$/);

export const bisectRequestSchema = z
  .object({
    url: z.string(),
    suites: z.string(),
    install: z.string().optional(),
    buildTimeoutSeconds: z.number().int().positive(),
    alertId: z.string(),
    caseIds: z.array(z.string()).min(1),
    /** Known good: the commit before the range. */
    good: sha,
    /** The range, oldest first; the last one is known bad. */
    commits: z.array(sha).min(1),
  })
  .strict();

export const bisectJob = defineJobKind({
  request: bisectRequestSchema,
  describe: (request) => `bisect ${request.caseIds.join(', ')} in ${request.commits.length} commits`,
  run: runBisect,
});

async function runBisect(lab: LabContext, job: Job, request: z.output<typeof bisectRequestSchema>, signal: AbortSignal): Promise<void> {
  const repo = mirrorDir(lab.store.dir, request.url);
  const cases = new Set(request.caseIds);
  const build = { ...(request.install ? { command: request.install } : {}), timeoutMs: request.buildTimeoutSeconds * 1000, signal };
  // The known-good side is built once and measured against every step.
  const outcome = await withBuiltCheckout(repo, request.good, build, (goodDir) => {
    const test = async (commit: string): Promise<BisectVerdict> => {
      try {
        const report = await compareRefs({
          repo,
          refA: request.good,
          refB: commit,
          suites: request.suites,
          filter: (id) => cases.has(id),
          pool: lab.pool,
          overrides: lab.overrides,
          signal,
          checkoutAt: (dir, at, fn) => (at === request.good ? fn(goodDir) : withBuiltCheckout(dir, at, build, fn)),
        });
        return report.comparisons.some((c) => c.verdict === 'regressed') ? 'bad' : 'good';
      } catch (error) {
        if (error instanceof BuildFailed && !signal.aborted) return 'skip';
        throw error;
      }
    };
    return bisect(request.commits, test);
  }).catch(async (error: unknown) => {
    if (!(error instanceof BuildFailed) || signal.aborted || error.commit !== request.good) throw error;
    const alert = (await lab.store.getAlert(request.alertId));
    if (alert) await lab.outbox?.followUp(alert, `Cannot bisect: the commit before the batch, \`${request.good.slice(0, 12)}\`, does not build any more.`).catch((e: unknown) => lab.onError(`posting the bisection of ${request.alertId}`, e));
    return undefined;
  });
  if (!outcome) return;
  if (signal.aborted) return;
  // Each step (commit measured, and what it showed) is kept: the alert's page shows how the culprit was found.
  await lab.audit(job.trigger, 'bisect', { alertId: request.alertId, culprit: outcome.culprit ?? null, candidates: outcome.candidates.length, steps: outcome.steps.length, path: outcome.steps });
  lab.emit(job, { type: 'bisect-finished', job, outcome });
  await report(lab, repo, request.alertId, outcome);
}

async function report(lab: LabContext, repo: string, alertId: string, outcome: BisectOutcome): Promise<void> {
  const skipped = outcome.skipped;
  let text: string;
  if (outcome.culprit) {
    const info = await commitInfo(repo, outcome.culprit);
    const culprit: Culprit = { ...info, steps: outcome.steps.length, skipped };
    const alert = await lab.store.setAlertCulprit(alertId, culprit);
    text = `Bisected in ${plural(outcome.steps.length, 'step')}: the culprit is \`${info.commit.slice(0, 12)}\` by ${info.author}: ${info.subject}${skipped.length ? ` (skipped ${plural(skipped.length, 'commit')} that did not build)` : ''}`;
    if (alert) await lab.outbox?.update(alert).catch((error: unknown) => lab.onError(`updating alert ${alertId}`, error));
  } else {
    text = `Bisection could not pin one commit: commits that did not build hide it. It is one of ${outcome.candidates.map((c) => `\`${c.slice(0, 12)}\``).join(', ')}.`;
  }
  const alert = (await lab.store.getAlert(alertId));
  if (alert) await lab.outbox?.followUp(alert, text).catch((error: unknown) => lab.onError(`posting the bisection of ${alertId}`, error));
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
