// `ci`: inside an existing CI job, measure the checked-out commit against a
// base interleaved, and store the comparison as a run (the same record a
// pushed result makes), so its alerts go out like any other.
import { randomUUID } from 'node:crypto';
import { relative } from 'node:path';
import { z } from 'zod';
import { caseFilter } from '../../engine/suite/case-filter.js';
import { compareRefs } from '../../modes/bench/compare-refs.js';
import { defineJobKind } from './job-kind.js';
import { ingestResults } from './ingest-results.js';
import { RESULTS_SCHEMA_VERSION, resultsPayloadSchema } from './results-payload.js';
import { cancelledEvent, suitesCheckout } from './run-options.js';

export const ciJob = defineJobKind({
  request: z
    .object({
      /** What to compare with, e.g. `origin/main` or `HEAD~1`. */
      base: z.string().min(1),
      pattern: z.string().optional(),
      /** Where it runs, as the CI's environment tells; kept with the run. */
      repository: resultsPayloadSchema.shape.repository,
      ci: resultsPayloadSchema.shape.ci,
    })
    .strict(),
  describe: (request) => `ci HEAD vs ${request.base}${request.pattern ? ` ${request.pattern}` : ''}`,
  async run(lab, job, request, signal) {
    const checkout = await suitesCheckout(lab);
    const report = await compareRefs({
      repo: checkout.root,
      refA: request.base,
      refB: 'HEAD',
      suites: relative(checkout.root, lab.suitesDir),
      filter: caseFilter(request.pattern),
      pool: lab.pool,
      overrides: lab.overrides,
      signal,
      onProgress: (caseId, side, done, target) => lab.emit(job, { type: 'compare-progress', job, caseId, side, done, target }),
    });
    if (signal.aborted) return lab.emit(job, cancelledEvent(job));
    const payload = {
      schemaVersion: RESULTS_SCHEMA_VERSION,
      pushId: randomUUID(),
      base: request.base,
      machine: lab.machine,
      ...(request.repository ? { repository: request.repository } : {}),
      ...(request.ci ? { ci: request.ci } : {}),
      ...report,
    } as const;
    const recorded = await ingestResults(lab.store, payload, job.trigger, 'ci');
    lab.deliver(recorded.alerts);
    lab.emit(job, { type: 'ci-finished', job, report, base: request.base, recorded });
  },
});
