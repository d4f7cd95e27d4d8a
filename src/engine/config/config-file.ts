// perflab.config.json: what does not fit in an environment variable — the
// Slack channel and admins, the repositories to watch, the schedules. Every
// section is optional; a mistake names the file and the field.
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { ErrorCode, PerflabError } from '../errors.js';
import { scheduleConfigSchema, timezoneSchema } from './schedule-config.js';
import { watchConfigSchema } from './watch-config.js';

export const CONFIG_FILE = 'perflab.config.json';

const configFileSchema = z
  .object({
    channel: z.string().min(1).optional(),
    port: z.number().int().min(0).max(65_535).optional(),
    admins: z
      .object({
        users: z.array(z.string().regex(/^[UW][A-Z0-9]+$/, 'a Slack user id like U012ABC')).default([]),
        groups: z.array(z.string().regex(/^S[A-Z0-9]+$/, 'a user group id like S012ABC')).default([]),
      })
      .strict()
      .optional(),
    watch: watchConfigSchema.optional(),
    schedules: z.array(scheduleConfigSchema).optional(),
    /** IANA time zone for schedules that do not name one. Default: UTC. */
    timezone: timezoneSchema.optional(),
  })
  .strict();

export type ConfigFile = z.infer<typeof configFileSchema>;

/** Reads and checks the file; a missing file is an empty configuration. */
export async function readConfigFile(file = CONFIG_FILE): Promise<ConfigFile> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new PerflabError(ErrorCode.Config, `cannot read: ${String(error)}`, { file });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new PerflabError(ErrorCode.Config, `not valid JSON: ${(error as Error).message}`, { file });
  }
  const parsed = configFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new PerflabError(ErrorCode.Config, `${issue?.path.join('.') || '(top level)'}: ${issue?.message ?? 'invalid'}`, { file });
  }
  return parsed.data;
}
