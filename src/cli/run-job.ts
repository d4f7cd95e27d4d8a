// Runs one job through the lab for a CLI command: progress goes to the
// command's printer, Ctrl-C cancels the job (what was measured is still
// recorded), and the job's last event comes back to be printed. A job that
// failed rethrows what it threw, so a user error keeps its exit code.
import type { Trigger } from '../engine/model.js';
import { FINAL_EVENTS, type JobEvent, type JobKindName, type JobListener, type JobRequest, type Lab } from '../lab/lab.js';
import { stopOnSigint } from './stop-on-sigint.js';

export interface CliJobOutcome<E extends JobEvent = JobEvent> {
  end: E | Extract<JobEvent, { type: 'cancelled' }>;
  /** Ctrl-C was pressed. */
  interrupted: boolean;
}

export async function runJob<K extends JobKindName, T extends JobEvent['type']>(
  lab: Lab,
  kind: K,
  request: JobRequest<K>,
  trigger: Trigger,
  options: { finished: T; onEvent?: JobListener; onSigint: string },
): Promise<CliJobOutcome<Extract<JobEvent, { type: T }>>> {
  const stopped = stopOnSigint(options.onSigint);
  let resolve!: (event: JobEvent) => void;
  const ended = new Promise<JobEvent>((r) => (resolve = r));
  const job = lab.submit(kind, request, trigger, (event) => {
    options.onEvent?.(event);
    if (FINAL_EVENTS.has(event.type)) resolve(event);
  });
  const cancel = (): void => void lab.cancel(job.id, trigger.by);
  stopped.addEventListener('abort', cancel, { once: true });
  const end = await ended;
  stopped.removeEventListener('abort', cancel);
  if (end.type === 'failed') throw end.cause ?? new Error(end.error);
  if (end.type !== options.finished && end.type !== 'cancelled') throw new Error(`job ${job.id} ended with "${end.type}", expected "${options.finished}"`);
  return { end: end as CliJobOutcome<Extract<JobEvent, { type: T }>>['end'], interrupted: stopped.aborted };
}
