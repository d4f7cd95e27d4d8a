// The one message a `/perflab run` updates from queued to done; details go
// to the thread (see `resultTable`).
import type { Verdict } from '../../engine/model.js';
import { formatDuration } from '../../engine/report/format-duration.js';
import type { KnownBlock } from '@slack/types';
import type { Message } from './block-kit.js';
import { context, section } from './block-builders.js';
import { code, escapeMrkdwn } from './escape-mrkdwn.js';
import { formatActor } from './format-actor.js';
import { plural } from './plural.js';
import { shortCommit } from './short-commit.js';
import { oneLine, truncate } from './truncate.js';
import { VERDICT_WORD } from './verdict-label.js';

export { resultTable, type ResultRow } from './result-table.js';

export type RunProgress =
  | { state: 'queued'; /** 1 = next. */ position?: number }
  | { state: 'running'; /** 1-based. */ caseIndex: number; caseCount: number; caseId?: string }
  | { state: 'confirming'; suspects?: number; caseId?: string }
  | { state: 'done'; counts: Partial<Record<Verdict, number>>; elapsedMs?: number }
  | { state: 'failed'; error: string }
  | { state: 'cancelled'; by?: string };

export interface RunProgressView {
  jobId: string;
  /** What was asked for: a suite, a case pattern or `all`. */
  what: string;
  ref?: string;
  commit?: string | null;
  /** Who asked: a Slack user id or an actor such as `cli:alice`. */
  by?: string;
  progress: RunProgress;
}

const BAR_WIDTH = 10;
const ORDER: Verdict[] = ['regressed', 'improved', 'unchanged', 'unstable', 'no-baseline', 'errored'];

export function runProgress(view: RunProgressView): Message {
  const target = `${code(truncate(oneLine(view.what), 80))}${view.ref ? ` @${escapeMrkdwn(truncate(view.ref, 80))}` : ''}${view.commit ? ` (${code(shortCommit(view.commit))})` : ''}`;
  const line = statusLine(view.progress, target);
  const blocks: KnownBlock[] = [section(line)];
  const meta = [`Job ${code(truncate(view.jobId, 64))}`];
  if (view.by) meta.push(`asked by ${formatActor(view.by)}`);
  const p = view.progress;
  if (p.state === 'queued' || p.state === 'running' || p.state === 'confirming') meta.push(`stop it with \`/perflab cancel ${escapeMrkdwn(truncate(view.jobId, 64))}\``);
  if (p.state === 'done') meta.push('details in the thread');
  blocks.push(context([meta.join(' · ')]));
  return { text: truncate(line, 300), blocks };
}

function statusLine(p: RunProgress, target: string): string {
  switch (p.state) {
    case 'queued':
      return `:hourglass_flowing_sand: Queued ${target}${p.position && p.position > 1 ? ` — ${ordinal(p.position)} in line` : ' — next up'}`;
    case 'running': {
      const count = Math.max(0, p.caseCount);
      const index = Math.min(Math.max(0, p.caseIndex), count);
      const current = p.caseId ? `: ${code(truncate(oneLine(p.caseId), 100))}` : '';
      return `:stopwatch: Running ${target} — case ${index} of ${count}${current}\n\`${bar(count > 0 ? index / count : 0)}\``;
    }
    case 'confirming': {
      const which = p.caseId ? ` (${code(truncate(oneLine(p.caseId), 100))})` : '';
      if (p.suspects) return `:mag: Confirming ${plural(p.suspects, 'suspect')} for ${target}: re-running old and new code side by side${which}`;
      return `:mag: Measuring old and new code side by side for ${target}${which}`;
    }
    case 'done': {
      const total = ORDER.reduce((sum, v) => sum + (p.counts[v] ?? 0), 0);
      const parts = ORDER.filter((v) => (p.counts[v] ?? 0) > 0).map((v) => `${p.counts[v]} ${VERDICT_WORD[v]}`);
      const emoji = (p.counts.regressed ?? 0) > 0 ? ':small_red_triangle:' : (p.counts.errored ?? 0) > 0 ? ':x:' : ':white_check_mark:';
      const took = p.elapsedMs !== undefined && Number.isFinite(p.elapsedMs) ? ` in ${formatDuration(p.elapsedMs * 1e6)}` : '';
      return `${emoji} Done ${target}${took}: ${plural(total, 'case')}${parts.length ? ` · ${parts.join(' · ')}` : ''}`;
    }
    case 'failed':
      return `:x: ${target} failed: ${escapeMrkdwn(truncate(oneLine(p.error), 400))}`;
    case 'cancelled':
      return `:no_entry_sign: Cancelled ${target}${p.by ? ` by ${formatActor(p.by)}` : ''}`;
  }
}

function bar(fraction: number): string {
  const filled = Math.round(Math.min(1, Math.max(0, fraction)) * BAR_WIDTH);
  return `${'▓'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)} ${Math.round(Math.min(1, Math.max(0, fraction)) * 100)}%`;
}

function ordinal(n: number): string {
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th';
  return `${n}${suffix}`;
}
