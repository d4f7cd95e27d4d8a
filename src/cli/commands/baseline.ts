// `perflab baseline accept|show`: the audited act of saying "this is the new normal".
import { Command } from 'commander';
import { textTable } from '../../engine/report/text-table.js';
import { ErrorCode, PerflabError } from '../../engine/errors.js';
import type { Baseline } from '../../engine/model.js';
import { formatDuration } from '../../engine/report/format-duration.js';
import type { Store } from '../../engine/store/store.js';
import { addStoreOption, cliActor, machineName, withStore } from '../context.js';

export function baselineCommand(): Command {
  const baseline = new Command('baseline').description('accept or show baselines');

  const accept = new Command('accept')
    .description("accept each case's latest result on this machine as its new baseline")
    .argument('[caseId...]', 'case ids, e.g. json/parse')
    .option('--all', 'every case that has results on this machine')
    .option('--reason <text>', 'why (kept in the audit log)', 'accepted from the CLI');
  addStoreOption(accept).action(async (caseIds: string[], flags: { all?: boolean; reason: string; store?: string }) => {
    if (!flags.all && caseIds.length === 0) throw new PerflabError(ErrorCode.Config, 'name at least one case id, or use --all');
    if (flags.all && caseIds.length > 0) throw new PerflabError(ErrorCode.Config, 'give case ids or --all, not both');
    await withStore(flags.store, async (store) => {
      const machine = machineName();
      const ids = flags.all ? (await store.listBaselines(machine)).map((b) => b.caseId) : caseIds;
      for (const caseId of ids) {
        const accepted = await acceptLatest(store, caseId, machine, cliActor(), flags.reason);
        console.log(`${caseId}: baseline is now ${formatDuration(accepted.median)} (run ${accepted.runId}${accepted.commit ? `, ${accepted.commit.slice(0, 12)}` : ''})`);
      }
    });
  });

  const show = new Command('show').description('show baselines on this machine').argument('[caseId]', 'one case, with its earlier baselines');
  addStoreOption(show).action(async (caseId: string | undefined, flags: { store?: string }) => {
    await withStore(flags.store, async (store) => {
      const machine = machineName();
      const rows = caseId ? [...(await store.baselineHistory(caseId, machine))].reverse() : (await store.listBaselines(machine));
      if (rows.length === 0) {
        if (caseId) throw new PerflabError(ErrorCode.CaseNotFound, `no baseline for "${caseId}" on ${machine}${await knownCases(store, machine)}`);
        console.log(`No baselines on ${machine} yet: run \`perflab run\` first.`);
        return;
      }
      console.log(baselineTable(rows));
    });
  });

  return baseline.addCommand(accept).addCommand(show);
}

async function acceptLatest(store: Store, caseId: string, machine: string, actor: string, reason: string): Promise<Baseline> {
  const latest = (await store.history(caseId, { machine, limit: 50 })).filter((e) => e.state === 'ok' && e.median !== undefined).at(-1);
  if (!latest || latest.median === undefined) {
    throw new PerflabError(ErrorCode.CaseNotFound, `no results for "${caseId}" on ${machine}${await knownCases(store, machine)}`);
  }
  const baseline: Baseline = {
    caseId,
    machine,
    runId: latest.runId,
    commit: latest.commit,
    median: latest.median,
    unit: latest.unit ?? 'ns',
    acceptedBy: actor,
    acceptedAt: new Date().toISOString(),
    reason,
  };
  await store.acceptBaseline(baseline);
  // The CLI's "accept" is the alert's Accept button: settle alerts this acceptance answers.
  for (const alert of (await store.listAlerts())) {
    if (alert.runId === latest.runId && alert.caseIds.includes(caseId) && (alert.kind === 'regression' || alert.kind === 'improvement')) {
      await store.transitionAlert(alert.id, ['open', 'investigating'], 'accepted', actor);
    }
  }
  return baseline;
}

async function knownCases(store: Store, machine: string): Promise<string> {
  const ids = (await store.listBaselines(machine)).map((b) => b.caseId);
  return ids.length ? `; known cases: ${ids.join(', ')}` : '';
}

function baselineTable(rows: readonly Baseline[]): string {
  const table = textTable(['case', 'median', 'run', 'commit', 'accepted by', 'when', 'why']);
  for (const b of rows) {
    table.push([b.caseId, formatDuration(b.median), b.runId, b.commit?.slice(0, 12) ?? '', b.acceptedBy, b.acceptedAt.replace('T', ' ').slice(0, 19), b.reason]);
  }
  return table.toString();
}
