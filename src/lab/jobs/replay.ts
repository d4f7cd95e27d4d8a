// `replay`: run one fuzz input again — a stored finding (a clean replay where
// it last failed marks it flaky), or a property id with a seed and path from
// a repro line.
import { z } from 'zod';
import { describeCheckout } from '../../engine/git/git.js';
import type { Finding } from '../../engine/model.js';
import { FuzzPool } from '../../modes/fuzz/fuzz-pool.js';
import { replayCaseInput, replayFinding } from '../../modes/fuzz/replay-finding.js';
import type { ReplayResult } from '../../modes/fuzz/replay-input.js';
import { defineJobKind } from './job-kind.js';
import { cancelledEvent } from './run-options.js';

export interface ReplayOutcome {
  result: ReplayResult;
  /** Set when a stored finding was replayed. */
  finding?: Finding;
  markedFlaky: boolean;
}

export const replayJob = defineJobKind({
  request: z.union([
    z.object({ findingId: z.string().min(1), commit: z.string().optional() }).strict(),
    z.object({ caseId: z.string().min(1), seed: z.number().int().nonnegative(), path: z.string().min(1), replayPath: z.string().optional() }).strict(),
  ]),
  describe: (request) => ('findingId' in request ? `replay ${request.findingId}` : `replay ${request.caseId} seed ${request.seed}`),
  async run(lab, job, request, signal) {
    const pool = new FuzzPool({ workers: 1 });
    try {
      let outcome: ReplayOutcome;
      if ('findingId' in request) {
        const checkout = await describeCheckout(lab.suitesDir);
        const replay = await replayFinding({
          store: lab.store,
          pool,
          suitesDir: lab.suitesDir,
          findingId: request.findingId,
          checkout: { commit: request.commit ?? checkout?.commit ?? null, dirty: checkout?.dirty ?? false },
          signal,
        });
        outcome = { result: replay.result, finding: replay.finding, markedFlaky: replay.markedFlaky };
      } else {
        const input = { seed: request.seed, path: request.path, ...(request.replayPath ? { replayPath: request.replayPath } : {}) };
        outcome = { result: await replayCaseInput({ pool, suitesDir: lab.suitesDir, caseId: request.caseId, input, signal }), markedFlaky: false };
      }
      await lab.audit(job.trigger, 'fuzz.replay', { ...request, result: outcome.result.state });
      lab.emit(job, signal.aborted ? cancelledEvent(job) : { type: 'replay-finished', job, outcome });
    } finally {
      await pool.close();
    }
  },
});
