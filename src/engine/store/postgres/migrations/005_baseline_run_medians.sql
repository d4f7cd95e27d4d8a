-- The per-run medians a baseline was accepted from, when there were more
-- than the accepted run's own (a case's first baseline is 3 fresh-worker
-- runs; see Baseline.runMedians). null: the accepted run alone.
ALTER TABLE baselines ADD COLUMN run_medians double precision[];
