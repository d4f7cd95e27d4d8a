// `perflab store compact`: retention for the embedded store. Raw samples are
// most of a store's size and are only needed while a result is recent
// (confirmation reruns and re-analysis); everything else is kept for good.
import { Command, InvalidArgumentError, Option } from 'commander';
import type { CompactReport } from '../../engine/store/compact-options.js';
import { DEFAULT_KEEP_SAMPLES_MS } from '../../engine/store/compact-options.js';
import { compactStore } from '../../engine/store/compact-store.js';
import { parseDurationOption } from '../parse-number.js';
import { addStoreOption, storeDir } from '../context.js';
import { storeMigrateCommand } from './store-migrate.js';

const DAY = 86_400_000; // ms

export function storeCommand(): Command {
  const store = new Command('store').description('look after the store directory');

  const compact = new Command('compact')
    .description('drop raw samples of results older than --keep-samples and print what that freed; summaries, baselines, alerts, findings and the audit log are never dropped')
    .addOption(new Option('--keep-samples <age>', 'keep raw samples this long (e.g. 90d, 12w, 36h; 0d drops them all)').argParser(parseAge).default(DEFAULT_KEEP_SAMPLES_MS, `${DEFAULT_KEEP_SAMPLES_MS / DAY}d`));
  addStoreOption(compact).action(async (flags: { keepSamples: number; store?: string }) => {
    const report = await compactStore(storeDir(flags.store), { keepSamplesMs: flags.keepSamples });
    console.log(describeCompaction(report));
  });

  store.addCommand(compact).addCommand(storeMigrateCommand());
  return store;
}

/** Commander parser for an age: days (`90d`), weeks (`12w`), or a duration (`36h`, `30m`). */
export function parseAge(value: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([dw])\s*$/i.exec(value);
  if (match) return Number(match[1]) * (match[2]?.toLowerCase() === 'w' ? 7 * DAY : DAY);
  try {
    return parseDurationOption(value);
  } catch {
    throw new InvalidArgumentError(`"${value}" is not an age (use e.g. 90d, 12w, 36h)`);
  }
}

export function describeCompaction(report: CompactReport): string {
  const lines = [`raw samples recorded before ${report.cutoff.slice(0, 16).replace('T', ' ')} UTC:`];
  if (report.runs === 0) lines.push('  none left to drop; nothing freed');
  else {
    const freed = report.bytesBefore - report.bytesAfter;
    lines.push(`  dropped from ${report.results} results; ${report.runs} runs' results files rewritten`);
    lines.push(`  those files: ${formatBytes(report.bytesBefore)} → ${formatBytes(report.bytesAfter)}, freed ${formatBytes(freed)}`);
  }
  if (report.historyFiles > 0) lines.push(`history: ${report.historyFiles} files of an older perflab rewritten as lines (nothing dropped)`);
  return lines.join('\n');
}

function formatBytes(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value.toPrecision(3)} ${units[unit]}`;
}
