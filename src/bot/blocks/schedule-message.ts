// `/perflab schedule list`: one line per schedule — id, cron and zone, what
// it runs, who added it, and when it runs next.
import type { Schedule } from '../../engine/model.js';
import type { Message } from './block-kit.js';
import { section } from './block-builders.js';
import { code, escapeMrkdwn } from './escape-mrkdwn.js';
import { formatActor } from './format-actor.js';
import { slackDate } from './slack-date.js';
import { oneLine, truncate } from './truncate.js';

export interface ScheduleView {
  schedule: Schedule;
  nextRun: Date | null;
}

const MAX_LINES = 25;

export function scheduleMessage(schedules: readonly ScheduleView[]): Message {
  if (schedules.length === 0) {
    const text = 'No schedules yet. Add one with `/perflab schedule add "0 3 * * *" all` (03:00 every night).';
    return { text, blocks: [section(text)] };
  }
  const lines = schedules.slice(0, MAX_LINES).map(({ schedule: s, nextRun }) => {
    const who = s.source === 'config' ? 'perflab.config.json' : formatActor(s.createdBy);
    const next = nextRun ? `next ${slackDate(nextRun.toISOString())}` : 'stopped';
    return `• ${code(s.id)} ${code(s.cron)} ${escapeMrkdwn(s.timezone)} — ${escapeMrkdwn(s.mode)} ${code(truncate(oneLine(s.pattern), 80))} · ${who} · ${next}`;
  });
  if (schedules.length > MAX_LINES) lines.push(`…and ${schedules.length - MAX_LINES} more`);
  return { text: `${schedules.length} schedule${schedules.length === 1 ? '' : 's'}`, blocks: [section(lines.join('\n'))] };
}
