// The one message a `/perflab stress` updates while it runs — scenario, the
// last second's rate, p99 and errors — and the verdict table for its thread.
import type { StressVerdict } from '../../modes/stress/stress-stats.js';
import { formatDuration } from '../../engine/report/format-duration.js';
import type { StressEntry } from '../../modes/stress/run-stress.js';
import type { KnownBlock } from '@slack/types';
import type { Message } from './block-kit.js';
import { context, section } from './block-builders.js';
import { code, escapeMrkdwn } from './escape-mrkdwn.js';
import { formatActor } from './format-actor.js';
import { codeBlockChunks, monoTable, type MonoColumn } from './mono-table.js';
import { plural } from './plural.js';
import { oneLine, truncate } from './truncate.js';

export type StressProgressState =
  | { state: 'queued' }
  | { state: 'running'; index: number; total: number; caseId: string; elapsedMs: number; durationMs: number; rate: number; p99Ms: number | null; errors: number }
  | { state: 'done'; verdicts: Partial<Record<StressVerdict, number>> }
  | { state: 'failed'; error: string }
  | { state: 'cancelled'; by?: string };

export interface StressProgressView {
  jobId: string;
  what: string;
  by?: string;
  progress: StressProgressState;
}

const VERDICTS: StressVerdict[] = ['crashed', 'hung', 'leaking', 'threshold-failed', 'errored', 'passed'];

export function stressProgress(view: StressProgressView): Message {
  const target = code(truncate(oneLine(view.what), 80));
  const line = statusLine(view.progress, target);
  const meta = [`Job ${code(truncate(view.jobId, 64))}`];
  if (view.by) meta.push(`asked by ${formatActor(view.by)}`);
  if (view.progress.state === 'queued' || view.progress.state === 'running') meta.push(`stop it with \`/perflab cancel ${escapeMrkdwn(truncate(view.jobId, 64))}\``);
  if (view.progress.state === 'done') meta.push('details in the thread');
  return { text: truncate(line, 300), blocks: [section(line), context([meta.join(' · ')])] };
}

function statusLine(p: StressProgressState, target: string): string {
  switch (p.state) {
    case 'queued':
      return `:hourglass_flowing_sand: Queued stress ${target}`;
    case 'running': {
      const p99 = p.p99Ms === null ? '—' : formatDuration(p.p99Ms * 1e6);
      return `:fire: Stressing ${target} — scenario ${p.index} of ${p.total}: ${code(truncate(oneLine(p.caseId), 100))}\n${(p.elapsedMs / 1000).toFixed(0)} of ${(p.durationMs / 1000).toFixed(0)} s · ${p.rate.toFixed(0)} req/s · p99 ${p99} · ${plural(p.errors, 'error')}`;
    }
    case 'done': {
      const total = VERDICTS.reduce((sum, v) => sum + (p.verdicts[v] ?? 0), 0);
      const failed = total - (p.verdicts.passed ?? 0);
      const parts = VERDICTS.filter((v) => (p.verdicts[v] ?? 0) > 0).map((v) => `${p.verdicts[v]} ${v}`);
      return `${failed > 0 ? ':x:' : ':white_check_mark:'} Stressed ${target}: ${plural(total, 'scenario')}${parts.length ? ` · ${parts.join(' · ')}` : ''}`;
    }
    case 'failed':
      return `:x: stress ${target} failed: ${escapeMrkdwn(truncate(oneLine(p.error), 400))}`;
    case 'cancelled':
      return `:no_entry_sign: Cancelled stress ${target}${p.by ? ` by ${formatActor(p.by)}` : ''}`;
  }
}

const COLUMNS: MonoColumn[] = [
  { title: 'scenario', max: 40 },
  { title: 'req/s', max: 8, align: 'right' },
  { title: 'p99', max: 10, align: 'right' },
  { title: 'errors', max: 8, align: 'right' },
  { title: 'verdict', max: 16 },
];

/** The verdict of every scenario, then each failure's one-line title. Never empty. */
export function stressResultTable(entries: readonly StressEntry[]): Message {
  if (entries.length === 0) return { text: 'No scenarios ran.', blocks: [section('No scenarios ran: nothing matched, or every suite failed to load.')] };
  const rows = entries.map((e) => {
    const s = e.result.state === 'ok' ? e.result.stress : undefined;
    if (e.result.state === 'errored' || !s) return [e.caseId, '—', '—', '—', e.verdict];
    return [e.caseId, s.throughput.toFixed(0), formatDuration(e.result.summary.p99), `${(s.errorRate * 100).toFixed(2)}%`, e.verdict];
  });
  const { head, lines } = monoTable(COLUMNS, rows);
  const blocks: KnownBlock[] = codeBlockChunks(head, lines).slice(0, 3).map((chunk) => section(chunk));
  const failures = entries.flatMap((e) => e.findings.map((f) => `• ${escapeMrkdwn(truncate(oneLine(f.title), 200))}`));
  if (failures.length > 0) blocks.push(section(failures.slice(0, 20).join('\n')));
  const regressions = entries.flatMap((e) => e.metrics).filter((m) => m.comparison.verdict === 'regressed');
  if (regressions.length > 0) blocks.push(section(regressions.slice(0, 10).map((m) => `:small_red_triangle: ${escapeMrkdwn(truncate(oneLine(m.comparison.reason), 300))}`).join('\n')));
  return { text: `Stress results for ${plural(entries.length, 'scenario')}`, blocks };
}
