// `ci-results`: what a CI machine measured and pushed (`perflab ci --push`),
// stored as a run and alerted as if this lab had measured it. It measures
// nothing, so it runs beside the measuring job: the CI waits for the answer.
import { resultsPayloadSchema } from './results-payload.js';
import { defineJobKind } from './job-kind.js';
import { ingestResults } from './ingest-results.js';

export const ciResultsJob = defineJobKind({
  request: resultsPayloadSchema,
  describe: (payload) => `store results of ${payload.commitB.slice(0, 12)} vs ${payload.base} from ${payload.machine}`,
  beside: true,
  async run(lab, job, payload) {
    const recorded = await ingestResults(lab.store, payload, job.trigger);
    lab.deliver(recorded.alerts);
    lab.emit(job, { type: 'results-stored', job, recorded });
  },
});
