-- Leases on jobs, for the shared queue of `perflab agent` processes
-- (pg-job-queue.ts): an agent claims a queued job with FOR UPDATE SKIP
-- LOCKED, holds it while its lease is renewed, and a job whose lease ran out
-- (its agent died) is interrupted and queued again by whichever agent looks.
-- The lowdb-style putJob/listJobs ignore these columns.

-- null: any agent may run it; else only an agent on that machine (baselines are per machine)
ALTER TABLE jobs ADD COLUMN machine text;
-- the agent running it, and until when (the database's clock, so agents' clocks do not matter)
ALTER TABLE jobs ADD COLUMN leased_by text;
ALTER TABLE jobs ADD COLUMN lease_until timestamptz;

-- What claim() scans: queued jobs in the order they run.
CREATE INDEX jobs_claimable ON jobs (priority DESC, created_at, restarts DESC) WHERE state = 'queued';
-- What reclaimExpired() scans.
CREATE INDEX jobs_leased ON jobs (lease_until) WHERE state = 'running';
