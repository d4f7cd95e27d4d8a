// The HTTP API in front of a lab: a verified push webhook makes the watcher
// poll that repository at once; results pushed by `perflab ci --push` are
// stored and alerted as if the lab had measured them.
import { ErrorCode, PerflabError } from '../engine/errors.js';
import type { Lab } from '../lab/lab.js';
import type { Watcher } from '../triggers/watcher.js';
import { startApiServer, type ApiServer } from './http-server.js';

export interface LabApiConfig {
  port: number;
  host?: string;
  webhookSecret?: string;
  apiToken?: string;
  /** Readers of the pages must bring it; required to listen on anything but loopback. */
  siteToken?: string;
}

/** `repo`: the suites' checkout, where the pages look up commit authors. */
export async function startLabApi(lab: Lab, watcher: Watcher, config: LabApiConfig, log: (message: string) => void, repo: string | null = null): Promise<ApiServer> {
  const { siteToken, ...api } = config;
  try {
    return await startApiServer({
      ...api,
      site: { context: { lab, repo }, ...(siteToken ? { token: siteToken } : {}) },
      onPush: (push) => {
        const matched = watcher.poke(push.repository.cloneUrls, push.branch);
        if (matched === 0) log(`push to ${push.repository.fullName} ${push.branch}: not a watched repository and branch, ignored`);
      },
      onResults: async (payload, actor) => {
        // Stored through the queue like any work (it runs beside a measuring job, not after it).
        const end = await lab.run('ci-results', payload, { kind: 'ci', by: actor });
        if (end.type !== 'results-stored') throw new Error(end.type === 'failed' ? end.error : `storing the results ended ${end.type}`);
        const { run, alerts } = end.recorded;
        return { runId: run.id, alerts: alerts.map((a) => a.id) };
      },
      log,
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    throw new PerflabError(ErrorCode.Config, `port ${config.port} for the HTTP API is already in use: set PERFLAB_API_PORT to a free port`, { cause: error });
  }
}
