// What starts work without a person: schedules, and the last commit taken in
// from each watched branch.
import type { Schedule, ScheduleMode, WatchCursor } from '../../model.js';
import { deepFreeze } from '../snapshot.js';
import type { Db } from './pg-db.js';
import { iso, isUniqueViolation } from './pg-db.js';

interface ScheduleRow {
  id: string;
  cron: string;
  timezone: string;
  pattern: string;
  mode: ScheduleMode;
  created_by: string;
  created_at: Date;
  source: Schedule['source'];
}

interface CursorRow {
  repo: string;
  branch: string;
  commit: string;
  at: Date;
}

/** In the order they were added. */
export async function listSchedules(db: Db): Promise<Schedule[]> {
  const rows = await db<ScheduleRow[]>`select * from schedules order by seq`;
  return rows.map(toSchedule);
}

export async function addSchedule(db: Db, schedule: Schedule): Promise<void> {
  try {
    await db`
      insert into schedules (id, cron, timezone, pattern, mode, created_by, created_at, source)
      values (${schedule.id}, ${schedule.cron}, ${schedule.timezone}, ${schedule.pattern}, ${schedule.mode},
              ${schedule.createdBy}, ${schedule.createdAt}, ${schedule.source})`;
  } catch (error) {
    if (isUniqueViolation(error)) throw new Error(`schedule ${schedule.id} already exists`, { cause: error });
    throw error;
  }
}

/** The removed schedule, or undefined when there was none with that id. */
export async function removeSchedule(db: Db, id: string): Promise<Schedule | undefined> {
  const [row] = await db<ScheduleRow[]>`delete from schedules where id = ${id} returning *`;
  return row && toSchedule(row);
}

export async function getCursor(db: Db, repo: string, branch: string): Promise<WatchCursor | undefined> {
  const [row] = await db<CursorRow[]>`select * from watch_cursors where repo = ${repo} and branch = ${branch}`;
  return row && deepFreeze({ repo: row.repo, branch: row.branch, commit: row.commit, at: iso(row.at) });
}

export async function setCursor(db: Db, cursor: WatchCursor): Promise<void> {
  await db`
    insert into watch_cursors (repo, branch, commit, at) values (${cursor.repo}, ${cursor.branch}, ${cursor.commit}, ${cursor.at})
    on conflict (repo, branch) do update set commit = excluded.commit, at = excluded.at`;
}

function toSchedule(row: ScheduleRow): Schedule {
  return deepFreeze({
    id: row.id,
    cron: row.cron,
    timezone: row.timezone,
    pattern: row.pattern,
    mode: row.mode,
    createdBy: row.created_by,
    createdAt: iso(row.created_at),
    source: row.source,
  });
}
