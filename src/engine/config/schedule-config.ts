// Schedules as people write them — in perflab.config.json or
// `/perflab schedule add "<cron>" <pattern> [mode|digest]` — checked before anything
// is stored: a cron expression node-cron accepts (5 fields, or 6 with
// seconds first) and a time zone the runtime knows.
import { validateDetailed } from 'node-cron';
import { z } from 'zod';
import type { ScheduleMode } from '../model.js';

/** What a schedule may do: measure in a mode, or post the digest. */
export const SCHEDULE_MODES = ['bench', 'stress', 'fuzz', 'digest'] as const satisfies readonly ScheduleMode[];

/** Why `expression` is not a cron expression, or undefined when it is one. */
export function cronProblem(expression: string): string | undefined {
  const fields = expression.trim().split(/\s+/);
  if (fields.length < 5 || fields.length > 6) {
    return `"${expression}" has ${fields.length} field${fields.length === 1 ? '' : 's'}; a cron expression has 5 (minute hour day month weekday) or 6 (with seconds first), e.g. "0 3 * * *" for 03:00 every day`;
  }
  const checked = validateDetailed(expression.trim());
  if (checked.valid) return undefined;
  const first = checked.errors[0];
  return `"${expression}": ${first ? `${first.field}: ${first.message.replace(/ a invalid /, ' an invalid ')}` : 'not a valid cron expression'}`;
}

/** Why `zone` is not an IANA time zone, or undefined. */
export function timezoneProblem(zone: string): string | undefined {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return undefined;
  } catch {
    return `"${zone}" is not a time zone; use an IANA name such as UTC or Europe/Paris`;
  }
}

/** An IANA time zone, checked against what the runtime knows. */
export const timezoneSchema = z.string().superRefine((value, ctx) => {
  const problem = timezoneProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

export const scheduleConfigSchema = z
  .object({
    /** Stable name, so the schedule keeps its id across restarts. */
    id: z.string().regex(/^[\w.-]{1,40}$/, 'letters, digits, ".", "_" or "-"').optional(),
    cron: z.string().superRefine((value, ctx) => {
      const problem = cronProblem(value);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
    pattern: z.string().min(1).default('all'),
    mode: z.enum(SCHEDULE_MODES).default('bench'),
    timezone: timezoneSchema.optional(),
  })
  .strict();

export type ScheduleConfig = z.infer<typeof scheduleConfigSchema>;
