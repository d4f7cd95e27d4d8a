// Small pieces of markup several pages show the same way.
import type { Verdict } from '../engine/model.js';
import { formatMeasure } from '../engine/report/format-measure.js';
import { html, type Html } from './html.js';

/** A verdict or a state as a coloured label: `regressed`, `open`, `fixed` … */
export function badge(text: string | undefined, kind: 'v' | 's' = 'v'): Html {
  if (!text) return html`<span class="empty">—</span>`;
  return html`<span class="verdict ${kind}-${text}">${text}</span>`;
}

export function verdictBadge(verdict: Verdict | undefined): Html {
  return badge(verdict, 'v');
}

/** "2026-12-06 09:12 UTC" */
export function when(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const text = date.toISOString();
  return `${text.slice(0, 10)} ${text.slice(11, 16)} UTC`;
}

export function commitText(commit: string | null | undefined): Html {
  return commit ? html`<code title="${commit}">${commit.slice(0, 12)}</code>` : html`<span class="empty">no commit</span>`;
}

export function measure(value: number | undefined, unit: string | undefined): string {
  return formatMeasure(value, unit);
}

/** "1 case", "3 cases" */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? word : many}`;
}

export function emptyLine(text: string): Html {
  return html`<p class="empty">${text}</p>`;
}
