-- perflab's store on PostgreSQL (DESIGN §9): the same records as the lowdb
-- store, one table per noun.
--
-- Conventions:
--   * times are timestamptz; perflab writes and reads them as UTC ISO strings;
--   * `seq` (an identity) is the order things were written in, which is the
--     order the Store contract hands them back in where time does not decide
--     (alerts, findings, schedules, jobs) and the tie-breaker where it does;
--   * parts that are only ever read whole (a trigger, a culprit, a result's
--     summary and stats) are jsonb; what is filtered, ordered or moved
--     atomically is a column.
-- No foreign keys to runs except from results: alerts and baselines may name
-- a run this database never saw (pushed from CI, copied from another store).

CREATE TABLE runs (
  id text PRIMARY KEY,
  seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  mode text NOT NULL CHECK (mode IN ('bench', 'stress', 'fuzz')),
  commit text,
  dirty boolean NOT NULL,
  machine text NOT NULL,
  trigger jsonb NOT NULL,
  started_at timestamptz NOT NULL,
  -- null while the run is going on, and for ever after if its process died
  finished_at timestamptz,
  environment text NOT NULL CHECK (environment IN ('ok', 'suspect')),
  fuzz jsonb,
  -- set by recordResults, which may happen once per run (even with no results)
  results_recorded_at timestamptz
);

CREATE INDEX runs_newest_first ON runs (started_at DESC, seq);

-- One case's outcome in one run. The raw samples stay in the compact string
-- the measuring stage encoded (`samples`); the rest of the Result is `result`.
-- The history of a case is read from here: the generated columns are what a
-- HistoryEntry holds, and the covering index answers a year of one case
-- without touching the rows.
CREATE TABLE results (
  run_id text NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  case_id text NOT NULL,
  seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  commit text,
  machine text NOT NULL,
  recorded_at timestamptz NOT NULL,
  result jsonb NOT NULL,
  samples text,
  comparison jsonb,
  in_window boolean NOT NULL,
  state text NOT NULL GENERATED ALWAYS AS (result ->> 'state') STORED,
  median double precision GENERATED ALWAYS AS ((result #>> '{summary,median}')::double precision) STORED,
  cv double precision GENERATED ALWAYS AS ((result #>> '{summary,cv}')::double precision) STORED,
  n integer GENERATED ALWAYS AS ((result #>> '{summary,n}')::integer) STORED,
  unit text GENERATED ALWAYS AS (result #>> '{summary,unit}') STORED,
  verdict text GENERATED ALWAYS AS (comparison ->> 'verdict') STORED,
  PRIMARY KEY (run_id, case_id),
  CHECK (state IN ('ok', 'errored'))
);

CREATE INDEX results_history ON results (case_id, machine, recorded_at, seq)
  INCLUDE (run_id, commit, state, median, cv, n, unit, verdict, in_window);

-- Every baseline ever accepted; the current one of a case × machine is its
-- newest row, so accepting is one insert and two acceptances never collide.
CREATE TABLE baselines (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  case_id text NOT NULL,
  machine text NOT NULL,
  run_id text NOT NULL,
  commit text,
  median double precision NOT NULL,
  unit text NOT NULL,
  accepted_by text NOT NULL,
  accepted_at timestamptz NOT NULL,
  reason text NOT NULL
);

CREATE INDEX baselines_by_case ON baselines (case_id, machine, seq);

CREATE TABLE alerts (
  id text PRIMARY KEY,
  seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  run_id text NOT NULL,
  commit text,
  kind text NOT NULL CHECK (kind IN ('regression', 'improvement', 'environment-suspect', 'suite-error', 'finding', 'build-failed')),
  case_ids text[] NOT NULL,
  finding_ids text[],
  state text NOT NULL CHECK (state IN ('open', 'investigating', 'accepted', 'dismissed', 'fixed')),
  created_at timestamptz NOT NULL,
  state_by text,
  state_at timestamptz,
  investigation jsonb,
  message text,
  culprit jsonb,
  delivery jsonb
);

CREATE INDEX alerts_by_state ON alerts (state, seq);

-- Stress failures and fuzz counterexamples; one per mode × signature.
CREATE TABLE findings (
  id text PRIMARY KEY,
  seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  mode text NOT NULL CHECK (mode IN ('stress', 'fuzz')),
  case_id text NOT NULL,
  signature text NOT NULL,
  kind text NOT NULL,
  state text NOT NULL CHECK (state IN ('new', 'known', 'fixed', 'regressed')),
  flaky boolean NOT NULL,
  title text NOT NULL,
  evidence text NOT NULL,
  repro text,
  detail jsonb NOT NULL,
  -- sightings: { runId, commit, at }
  first_seen jsonb NOT NULL,
  last_seen jsonb NOT NULL,
  fixed_in jsonb,
  count integer NOT NULL CHECK (count >= 1),
  state_by text,
  state_at timestamptz,
  clean_runs integer CHECK (clean_runs >= 0)
);

CREATE UNIQUE INDEX findings_by_signature ON findings (mode, signature);

CREATE TABLE schedules (
  id text PRIMARY KEY,
  seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  cron text NOT NULL,
  timezone text NOT NULL,
  pattern text NOT NULL,
  mode text NOT NULL CHECK (mode IN ('bench', 'stress', 'fuzz')),
  created_by text NOT NULL,
  created_at timestamptz NOT NULL,
  source text NOT NULL CHECK (source IN ('config', 'store'))
);

-- The persisted job queue: queued and running jobs, then the newest finished ones.
CREATE TABLE jobs (
  id text PRIMARY KEY,
  seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  kind text NOT NULL,
  description text NOT NULL,
  trigger jsonb NOT NULL,
  request jsonb NOT NULL,
  priority double precision NOT NULL,
  dedupe_key text NOT NULL,
  state text NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed', 'cancelled', 'interrupted')),
  created_at timestamptz NOT NULL,
  started_at timestamptz,
  finished_at timestamptz,
  error text,
  cancelled_by text,
  restarts integer NOT NULL CHECK (restarts >= 0)
);

CREATE TABLE watch_cursors (
  repo text NOT NULL,
  branch text NOT NULL,
  commit text NOT NULL,
  at timestamptz NOT NULL,
  PRIMARY KEY (repo, branch)
);

CREATE TABLE audit_events (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL,
  actor text NOT NULL,
  action text NOT NULL,
  args jsonb NOT NULL
);

CREATE INDEX audit_newest_first ON audit_events (at DESC, seq);
