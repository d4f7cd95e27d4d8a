// `run`: measure the benchmark suites (as they are, or at a ref), judge each
// result against its baseline, record, and alert.
import { z } from 'zod';
import { runBench } from '../../modes/bench/run-bench.js';
import { defineJobKind } from './job-kind.js';
import { atRef, endJob, runOptions } from './run-options.js';
import { selectCases, selectionFields } from './select-cases.js';

export const runJob = defineJobKind({
  request: z
    .object({
      ...selectionFields,
      /** Measure the suites as they were at this ref, in a temporary worktree. */
      ref: z.string().optional(),
      /** Record the run under this commit instead of the checkout's HEAD. */
      commit: z.string().optional(),
    })
    .strict(),
  describe: (request) => `run ${selectCases(request).selection}${request.ref ? ` @${request.ref}` : ''}`,
  async run(lab, job, request, signal) {
    const { selection, filter } = selectCases(request);
    const report = await atRef(lab, request.ref, async (suitesDir) =>
      runBench({
        ...(await runOptions(lab, job, suitesDir, filter, signal, request.commit)),
        overrides: lab.overrides,
        canary: lab.canary,
        pool: lab.pool,
        onProgress: (progress) => lab.emit(job, { type: 'progress', job, progress }),
      }),
    );
    await lab.audit(job.trigger, 'run', { selection, ref: request.ref ?? null, runId: report.run.id });
    endJob(lab, job, signal, report.alerts, { type: 'run-finished', job, report });
  },
});
