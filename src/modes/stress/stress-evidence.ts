// The evidence of a stress finding as plain text: what ran, the numbers,
// each threshold, the memory slopes, the last process samples, the error.
// A person reading an alert at 3 a.m. should not need to re-run anything.
import type { StressSample, ThresholdCheck } from './stress-stats.js';
import { formatDuration } from '../../engine/report/format-duration.js';

export interface EvidenceInput {
  caseId: string;
  load: string;
  target?: string;
  durationMs: number;
  requests?: number;
  errorsByKind?: Record<string, number>;
  throughput?: number;
  /** ns */
  latency?: { p50: number; p90: number; p99: number; p999: number; max: number };
  thresholds?: ThresholdCheck[];
  heapGrowthPerMin?: number | null;
  rssGrowthPerMin?: number | null;
  samples: readonly StressSample[];
  error?: string;
}

const LAST_SAMPLES = 5;
const MB = 1024 * 1024;

export function stressEvidence(e: EvidenceInput): string {
  const lines = [`scenario ${e.caseId} · ${e.load} for ${formatDuration(e.durationMs * 1e6)}${e.target ? ` · target ${e.target}` : ''}`];
  if (e.requests !== undefined) {
    const errors = Object.values(e.errorsByKind ?? {}).reduce((a, b) => a + b, 0);
    const total = e.requests + errors;
    lines.push(`requests ${e.requests} answered, ${errors} failed (${total > 0 ? ((errors / total) * 100).toFixed(2) : '0.00'}%)${e.throughput !== undefined ? ` · ${e.throughput.toFixed(1)} req/s` : ''}`);
  }
  const kinds = Object.entries(e.errorsByKind ?? {}).sort((a, b) => b[1] - a[1]);
  if (kinds.length > 0) lines.push(`errors by kind: ${kinds.map(([k, n]) => `${k} ${n}`).join(', ')}`);
  if (e.latency) {
    const l = e.latency;
    lines.push(`latency p50 ${formatDuration(l.p50)} · p90 ${formatDuration(l.p90)} · p99 ${formatDuration(l.p99)} · p99.9 ${formatDuration(l.p999)} · max ${formatDuration(l.max)}`);
  }
  for (const t of e.thresholds ?? []) lines.push(`${t.passed ? '✓' : '✗'} ${t.threshold}: ${t.actual === null ? (t.note ?? 'not measured') : `${round(t.actual)} ${t.unit}`}${t.note && t.actual !== null ? ` (${t.note})` : ''}`);
  if (e.heapGrowthPerMin !== undefined) lines.push(`heap growth after warm-up: ${slope(e.heapGrowthPerMin)} · RSS growth: ${slope(e.rssGrowthPerMin ?? null)}`);
  if (e.samples.length > 0) {
    lines.push(`last ${Math.min(LAST_SAMPLES, e.samples.length)} process samples (of ${e.samples.length}):`, '   t s   heap MB   rss MB  loop p99 ms   ELU  GC ms  handles');
    for (const s of e.samples.slice(-LAST_SAMPLES)) {
      lines.push(
        [(s.atMs / 1000).toFixed(1).padStart(6), (s.heapBytes / MB).toFixed(1).padStart(9), (s.rssBytes / MB).toFixed(1).padStart(8), s.loopDelayP99Ms.toFixed(1).padStart(12), s.elu.toFixed(2).padStart(5), s.gcPauseMs.toFixed(1).padStart(6), String(s.handles).padStart(8)].join(' '),
      );
    }
  }
  if (e.error) lines.push(`error: ${e.error}`);
  return lines.join('\n');
}

function slope(bytesPerMin: number | null): string {
  return bytesPerMin === null ? 'too short to tell' : `${(bytesPerMin / MB).toFixed(2)} MB/min`;
}

function round(x: number): string {
  return Number(x.toPrecision(4)).toString();
}
