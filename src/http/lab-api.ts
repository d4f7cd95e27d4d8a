// The HTTP API in front of a lab: a verified push webhook makes the watcher
// poll that repository at once; results pushed by `perflab ci --push` are
// stored and alerted as if the lab had measured them.
import { ErrorCode, PerflabError } from '../engine/errors.js';
import { ingestResults } from '../lab/jobs/ingest-results.js';
import type { Lab } from '../lab/lab.js';
import type { Watcher } from '../triggers/watcher.js';
import { startApiServer, type ApiServer } from './http-server.js';

export interface LabApiConfig {
  port: number;
  host?: string;
  webhookSecret?: string;
  apiToken?: string;
}

export async function startLabApi(lab: Lab, watcher: Watcher, config: LabApiConfig, log: (message: string) => void): Promise<ApiServer> {
  try {
    return await startApiServer({
      ...config,
      onPush: (push) => {
        const matched = watcher.poke(push.repository.cloneUrls, push.branch);
        if (matched === 0) log(`push to ${push.repository.fullName} ${push.branch}: not a watched repository and branch, ignored`);
      },
      onResults: async (payload, actor) => {
        const { run, alerts } = await ingestResults(lab.store, payload, actor);
        for (const alert of alerts) void lab.outbox?.deliver(alert.id);
        return { runId: run.id, alerts: alerts.map((a) => a.id) };
      },
      log,
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    throw new PerflabError(ErrorCode.Config, `port ${config.port} for the HTTP API is already in use: set PERFLAB_API_PORT to a free port`, { cause: error });
  }
}
