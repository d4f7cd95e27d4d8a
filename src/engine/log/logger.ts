// perflab's own log: one pino logger, JSON lines on stderr (stdout carries
// results and JSON for scripts). `PERFLAB_LOG_LEVEL` sets the level (default
// `info`; `silent` turns it off, as the tests do for noisy parts).
import { pino, type Logger } from 'pino';

export const logger: Logger = pino(
  { name: 'perflab', level: process.env.PERFLAB_LOG_LEVEL ?? 'info', base: { pid: process.pid } },
  pino.destination({ fd: 2, sync: true }),
);

/**
 * What `onError` options default to everywhere: a failure that perflab
 * survives (a Slack reply that did not go out, a listener that threw) is
 * logged with where it happened, never dropped.
 */
export function logError(context: string, error: unknown): void {
  logger.error({ err: error instanceof Error ? error : new Error(String(error)) }, context);
}
