// What every benchmark of perflab prints: the machine it ran on, Markdown
// tables on stdout (progress goes to stderr), and its settings from argv/env.
import { cpus, totalmem } from 'node:os';
import { mean, median, sampleStandardDeviation } from 'simple-statistics';

export function machineLine(): string {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const ram = (totalmem() / 2 ** 30).toFixed(1);
  return `${cpu}, ${cpus().length} cores, ${ram} GiB RAM, Node ${process.version}, ${process.platform} ${process.arch}`;
}

export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** `--name N` on the command line, else `$ENV`, else the default. */
export function intSetting(name: string, env: string, fallback: number): number {
  const args = process.argv.slice(2);
  const at = args.indexOf(`--${name}`);
  const raw = at >= 0 ? args[at + 1] : process.env[env];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`--${name} / ${env} must be a whole number ≥ 0, got "${raw}"`);
  return value;
}

export function progress(message: string): void {
  process.stderr.write(`${message}\n`);
}

/** Classic coefficient of variation, sd / mean; 0 for fewer than two values. */
export function cv(values: readonly number[]): number {
  return values.length < 2 ? 0 : sampleStandardDeviation([...values]) / mean([...values]);
}

export function medianOf(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : median([...values]);
}

export function pct(x: number, digits = 1): string {
  return Number.isFinite(x) ? `${(x * 100).toFixed(digits)}%` : '—';
}
