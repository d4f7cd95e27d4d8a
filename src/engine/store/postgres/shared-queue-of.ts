// The lab's queue on a store: with PostgreSQL, the queue shared by every
// perflab process on the database (SharedJobQueue over PgJobQueue); with the
// lowdb store, none (the lab keeps its own JobQueue in this process).
import { hostname } from 'node:os';
import type { LabQueue } from '../../queue/lab-queue.js';
import { SharedJobQueue, type TakeJobs } from '../../queue/shared-job-queue.js';
import type { Store } from '../store.js';
import { PgStore } from './pg-store.js';

export interface SharedQueueOptions {
  /** This machine: it takes jobs asked for it and for any machine. */
  machine: string;
  take: TakeJobs;
  /** What kind of process, for the lease holder's name: `agent`, `serve`, `cli`. */
  role: string;
  /** Lease on a running job, ms. Default 30 000 (renewed every 10 s). */
  leaseMs?: number;
  pollMs?: number;
  onError?: (context: string, error: unknown) => void;
}

export function sharedQueueOf(store: Store, options: SharedQueueOptions): LabQueue | undefined {
  if (!(store instanceof PgStore)) return undefined;
  const leaseMs = options.leaseMs ?? 30_000;
  const backend = store.jobQueue({ agent: `${options.role}:${hostname()}:${process.pid}`, machine: options.machine, kinds: [], leaseMs });
  return new SharedJobQueue({ backend, take: options.take, leaseMs, ...(options.pollMs ? { pollMs: options.pollMs } : {}), ...(options.onError ? { onError: options.onError } : {}) });
}
