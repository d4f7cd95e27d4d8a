-- A schedule may post the weekly digest instead of measuring:
-- `/perflab schedule add "0 9 * * 1" all digest`.
ALTER TABLE schedules DROP CONSTRAINT schedules_mode_check;
ALTER TABLE schedules ADD CONSTRAINT schedules_mode_check CHECK (mode IN ('bench', 'stress', 'fuzz', 'digest'));
