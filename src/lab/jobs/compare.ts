// `compare`: measure two refs interleaved — "does my branch make it slower?".
import { relative } from 'node:path';
import { z } from 'zod';
import { caseFilter } from '../../engine/suite/case-filter.js';
import { compareRefs } from '../../modes/bench/compare-refs.js';
import { defineJobKind } from './job-kind.js';
import { cancelledEvent, suitesCheckout } from './run-options.js';

export const compareJob = defineJobKind({
  request: z.object({ refA: z.string().min(1), refB: z.string().min(1), pattern: z.string().optional() }).strict(),
  describe: (request) => `compare ${request.refA} ${request.refB}${request.pattern ? ` ${request.pattern}` : ''}`,
  async run(lab, job, request, signal) {
    const checkout = await suitesCheckout(lab);
    const report = await compareRefs({
      repo: checkout.root,
      refA: request.refA,
      refB: request.refB,
      suites: relative(checkout.root, lab.suitesDir),
      filter: caseFilter(request.pattern),
      pool: lab.pool,
      overrides: lab.overrides,
      signal,
      onProgress: (caseId, side, done, target) => lab.emit(job, { type: 'compare-progress', job, caseId, side, done, target }),
    });
    await lab.audit(job.trigger, 'compare', { ...request, commitA: report.commitA, commitB: report.commitB });
    lab.emit(job, signal.aborted ? cancelledEvent(job) : { type: 'compare-finished', job, report });
  },
});
