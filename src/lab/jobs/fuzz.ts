// `fuzz`: replay the known findings, then fuzz the matching properties for a
// budget across worker threads; new or returning bugs alert.
import { z } from 'zod';
import { runFuzz } from '../../modes/fuzz/run-fuzz.js';
import { defineJobKind } from './job-kind.js';
import { endJob, runOptions } from './run-options.js';
import { selectCases, selectionFields } from './select-cases.js';

export const fuzzJob = defineJobKind({
  request: z
    .object({
      ...selectionFields,
      /** Fuzzing time of the whole run, ms. */
      budgetMs: z.number().positive().optional(),
      workers: z.number().int().positive().optional(),
      commit: z.string().optional(),
    })
    .strict(),
  describe: (request) => `fuzz ${selectCases(request).selection}`,
  async run(lab, job, request, signal) {
    const { selection, filter } = selectCases(request);
    const report = await runFuzz({
      ...(await runOptions(lab, job, lab.suitesDir, filter, signal, request.commit)),
      ...(request.budgetMs !== undefined ? { budgetMs: request.budgetMs } : {}),
      ...(request.workers !== undefined ? { workers: request.workers } : {}),
      onProgress: (progress) => lab.emit(job, { type: 'fuzz-progress', job, progress }),
    });
    await lab.audit(job.trigger, 'fuzz', { selection, budgetMs: request.budgetMs ?? null, runId: report.run.id });
    endJob(lab, job, signal, report.alert ? [report.alert] : [], { type: 'fuzz-finished', job, report });
  },
});
