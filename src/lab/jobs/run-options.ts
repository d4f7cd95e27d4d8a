// What every measuring job kind shares: the suites as they are (or at a ref,
// in a temporary worktree), the checkout to record, and how a job ends.
import { join, relative } from 'node:path';
import { ErrorCode, PerflabError } from '../../engine/errors.js';
import { describeCheckout, resolveCommit, type Checkout } from '../../engine/git/git.js';
import { withWorktree } from '../../engine/git/worktree.js';
import type { Alert, Job } from '../../engine/model.js';
import type { CaseFilter } from '../../engine/suite/case-filter.js';
import type { JobEvent } from '../job-event.js';
import type { LabContext } from '../lab-context.js';

/** What every mode's run is given: the suites, which cases, the store, this machine, why, and the checkout to record. */
export async function runOptions(lab: LabContext, job: Job, suitesDir: string, filter: CaseFilter, signal: AbortSignal, commit?: string) {
  return {
    suitesDir,
    filter,
    store: lab.store,
    machine: lab.machine,
    trigger: job.trigger,
    checkout: await describeCheckout(suitesDir),
    ...(commit ? { commit } : {}),
    signal,
  };
}

/** Hands what was found to the outbox (cancelled or not, it is recorded and told) and tells listeners how the job ended. */
export function endJob(lab: LabContext, job: Job, signal: AbortSignal, alerts: readonly Alert[], finished: JobEvent): void {
  lab.deliver(alerts);
  lab.emit(job, signal.aborted ? cancelledEvent(job, finished) : finished);
}

/** A cancelled job's last event, with what its run recorded before it stopped (a bench, stress or fuzz report). */
export function cancelledEvent(job: Job, finished?: JobEvent): JobEvent {
  const by = job.cancelledBy ? { by: job.cancelledBy } : {};
  switch (finished?.type) {
    case 'run-finished':
      return { type: 'cancelled', job, ...by, report: finished.report };
    case 'stress-finished':
      return { type: 'cancelled', job, ...by, stressReport: finished.report };
    case 'fuzz-finished':
      return { type: 'cancelled', job, ...by, fuzzReport: finished.report };
    default:
      return { type: 'cancelled', job, ...by };
  }
}

/** The git checkout the lab's suites live in; refs need one. */
export async function suitesCheckout(lab: LabContext): Promise<Checkout> {
  const checkout = await describeCheckout(lab.suitesDir);
  if (!checkout) throw new PerflabError(ErrorCode.Git, `${lab.suitesDir} is not in a git repository: refs cannot be checked out`);
  return checkout;
}

/** Runs `fn` with the suites directory as it is, or as it was at `ref` (in a temporary worktree). */
export async function atRef<T>(lab: LabContext, ref: string | undefined, fn: (suitesDir: string) => Promise<T>): Promise<T> {
  if (!ref) return fn(lab.suitesDir);
  const checkout = await suitesCheckout(lab);
  const commit = await resolveCommit(checkout.root, ref);
  return withWorktree(checkout.root, commit, (dir) => fn(join(dir, relative(checkout.root, lab.suitesDir))));
}
