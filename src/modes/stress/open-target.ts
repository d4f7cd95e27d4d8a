// From a scenario's `target` to something requests can be sent to: start the
// suite's server (setup), check the host is allowed, then prove the target
// answers before any load is counted. Whatever fails here is the scenario's
// own fault (`errored`), reported with the reason and with everything that
// was started already stopped again.
import { ErrorCode, PerflabError } from '../../engine/errors.js';
import type { ServerHandle, StressCase } from '../../engine/suite/stress-schema.js';
import { functionTarget } from './function-target.js';
import { httpTarget } from './http-target.js';
import { checkTargetHost } from './loopback.js';
import { STRESS_DEFAULTS, type ResolvedStressOptions } from './stress-options.js';
import { errorKind, RequestError, type Target } from './target.js';
import { wsTarget } from './ws-target.js';

export interface OpenedTarget {
  target: Target;
  /** `http://127.0.0.1:8080/`, or `function`. */
  describe: string;
  /** Closes connections, then stops the suite's server. */
  close(): Promise<void>;
}

export async function openTarget(scenario: StressCase, options: ResolvedStressOptions): Promise<OpenedTarget> {
  const spec = scenario.target;
  if ('fn' in spec) {
    const target = await functionTarget(spec).catch((error: unknown) => {
      throw new PerflabError(ErrorCode.StressSetup, `setup threw ${describeError(error)}`, { cause: error });
    });
    return { target, describe: 'function', close: () => target.close() };
  }

  let server: ServerHandle | undefined;
  if ('setup' in spec) {
    try {
      server = await spec.setup();
    } catch (error) {
      throw new PerflabError(ErrorCode.StressSetup, `setup threw ${describeError(error)}`, { cause: error });
    }
  }
  const stopServer = async (): Promise<void> => {
    await server?.teardown?.();
  };
  try {
    const url = server ? server.url : (spec as { url: string }).url;
    if (typeof url !== 'string') throw new PerflabError(ErrorCode.StressSetup, 'setup must return { url, teardown? } with the URL its server listens on');
    const refused = checkTargetHost(url, options.allowHosts);
    if (refused) throw new PerflabError(ErrorCode.StressTarget, refused);
    const target = await connect(scenario, options, url);
    return {
      target,
      describe: url,
      close: async () => {
        await target.close();
        await stopServer();
      },
    };
  } catch (error) {
    await stopServer().catch(() => undefined);
    throw error;
  }
}

async function connect(scenario: StressCase, options: ResolvedStressOptions, url: string): Promise<Target> {
  const closed = 'concurrency' in options.load ? options.load.concurrency : undefined;
  const timeoutMs = STRESS_DEFAULTS.requestTimeoutMs;
  if (/^wss?:/.test(url)) {
    const connections = closed ?? scenario.ws?.connections ?? STRESS_DEFAULTS.wsConnections;
    return wsTarget({ url, message: scenario.ws?.message ?? 'ping', connections, timeoutMs }).catch((error: unknown) => {
      throw unreachable(url, error);
    });
  }
  const target = httpTarget({ url, request: scenario.http ?? {}, maxSockets: closed ?? STRESS_DEFAULTS.httpSockets, timeoutMs });
  try {
    await target.send(0);
  } catch (error) {
    // An HTTP error status proves the server is there; a failed connection does not.
    if (!(error instanceof RequestError && error.kind.startsWith('http-'))) {
      await target.close();
      throw unreachable(url, error);
    }
  }
  return target;
}

function unreachable(url: string, error: unknown): PerflabError {
  return new PerflabError(ErrorCode.StressTarget, `target ${url} is unreachable: ${errorKind(error)} ${error instanceof Error ? error.message : ''}`.trim(), { cause: error });
}

export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return typeof error === 'string' ? error : (JSON.stringify(error) ?? String(error));
}
