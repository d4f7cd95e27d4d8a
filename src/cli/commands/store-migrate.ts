// `perflab store-migrate`: copy the lowdb store into an empty PostgreSQL
// database (migrateStore), then show what was copied, counted on both sides.
import { Command } from 'commander';
import { ErrorCode, PerflabError } from '../../engine/errors.js';
import { textTable } from '../../engine/report/text-table.js';
import type { Counted, StoreMigration } from '../../engine/store/migrate-store.js';
import { COUNTED, migrateStore } from '../../engine/store/migrate-store.js';
import { DATABASE_URL_VARIABLE } from '../../engine/store/open-any-store.js';
import { redactDatabaseUrl } from '../../engine/store/postgres/database-url.js';
import { storeDir } from '../context.js';
import { statusLine } from '../status-line.js';

const LABELS: Record<Counted, string> = {
  runs: 'runs',
  results: 'results',
  baselines: 'baselines (with replaced ones)',
  alerts: 'alerts',
  findings: 'findings',
  auditEvents: 'audit events',
  schedules: 'schedules',
  jobs: 'jobs',
  cursors: 'watch cursors',
};

export function storeMigrateCommand(): Command {
  const command = new Command('migrate')
    .description('copy the lowdb store into an empty PostgreSQL database, in one transaction, and check the counts')
    .option('--to <url>', `PostgreSQL URL (default: $${DATABASE_URL_VARIABLE}; prefer the variable: a password on the command line shows in ps)`);
  command.option('--from <dir>', 'the lowdb store to copy (default: $PERFLAB_STORE or .perflab)');
  return command.action(async (flags: { to?: string; from?: string }) => {
    const url = flags.to ?? process.env[DATABASE_URL_VARIABLE];
    if (url === undefined || url.trim() === '') {
      throw new PerflabError(ErrorCode.Config, `store migrate needs a database: set ${DATABASE_URL_VARIABLE} or pass --to <url>`);
    }
    const from = storeDir(flags.from);
    const line = statusLine(process.stderr);
    const migration = await migrateStore(from, url.trim(), {
      source: flags.to === undefined ? DATABASE_URL_VARIABLE : '--to',
      onRun: (copied, total) => line(`copying runs and results: ${copied}/${total}`, copied === total),
    });
    process.stdout.write(report(migration, from, redactDatabaseUrl(url.trim())));
  });
}

function report(migration: StoreMigration, from: string, to: string): string {
  const table = textTable(['', 'lowdb', 'PostgreSQL']);
  for (const name of COUNTED) table.push([LABELS[name], String(migration.from[name]), String(migration.to[name])]);
  table.push(['history entries (from results)', String(migration.history.from), String(migration.history.to)]);
  const lines = [`copied ${from} to ${to}; every count matches.`, table.toString()];
  if (migration.history.from !== migration.history.to) {
    // lowdb writes a run's results, then its history lines: a kill in between leaves results without history.
    lines.push('History differs: PostgreSQL reads a case\'s history from its results; the lowdb store keeps a separate copy, short of the results where a perflab process was killed while recording a run.');
  }
  lines.push(`The lowdb store is left as it was. Set ${DATABASE_URL_VARIABLE} for perflab to use the database.`);
  return `${lines.join('\n')}\n`;
}
