-- Drift alerts (a change of level found over a case's history, raise-drift-alerts.ts)
-- and alerts that closed themselves as fixed (close-fixed-alerts.ts); a machine
-- that changed for good (the canary's new level accepted, canary-recovery.ts).
ALTER TABLE alerts DROP CONSTRAINT alerts_kind_check;
ALTER TABLE alerts ADD CONSTRAINT alerts_kind_check CHECK (kind IN ('regression', 'improvement', 'environment-suspect', 'suite-error', 'finding', 'build-failed', 'drift', 'machine-changed'));
-- the Drift of a drift alert
ALTER TABLE alerts ADD COLUMN drift jsonb;
-- { runId, commit } of the run that measured a fixed alert's cases back at the old level
ALTER TABLE alerts ADD COLUMN fixed_in jsonb;
