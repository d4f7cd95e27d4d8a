// `stress`: load the matching scenarios past capacity and report what breaks.
// A job like any other: never beside benchmarks.
import { z } from 'zod';
import { runStress } from '../../modes/stress/run-stress.js';
import { defineJobKind } from './job-kind.js';
import { endJob, runOptions } from './run-options.js';
import { selectCases, selectionFields } from './select-cases.js';

export const stressJob = defineJobKind({
  request: z
    .object({
      ...selectionFields,
      /** Every scenario runs this long instead of its own duration, ms. */
      durationMs: z.number().positive().optional(),
      commit: z.string().optional(),
    })
    .strict(),
  describe: (request) => `stress ${selectCases(request).selection}`,
  async run(lab, job, request, signal) {
    const { selection, filter } = selectCases(request);
    const report = await runStress({
      ...(await runOptions(lab, job, lab.suitesDir, filter, signal, request.commit)),
      ...(request.durationMs ? { durationMs: request.durationMs } : {}),
      onProgress: (progress) => lab.emit(job, { type: 'stress-progress', job, progress }),
    });
    await lab.audit(job.trigger, 'stress', { selection, durationMs: request.durationMs ?? null, runId: report.run.id });
    endJob(lab, job, signal, report.alerts, { type: 'stress-finished', job, report });
  },
});
