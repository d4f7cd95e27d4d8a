// Gathers what an alert message shows from the store: the run, each case's
// comparison with its baseline and current medians, the commit range and
// its author.
import { ErrorCode, PerflabError } from '../engine/errors.js';
import { git } from '../engine/git/git.js';
import { listMirrors } from '../engine/git/mirror.js';
import type { Alert } from '../engine/model.js';
import type { Lab } from '../lab/lab.js';
import type { AlertView } from './blocks/alert-message.js';
import { pageUrl } from '../site/page-url.js';

/** `publicUrl` (`PERFLAB_PUBLIC_URL`): where the site is; the alert then links to its page. */
export async function alertView(lab: Lab, alert: Alert, repo: string | null, publicUrl?: string): Promise<AlertView> {
  const run = (await lab.getRun(alert.runId));
  if (!run) throw new PerflabError(ErrorCode.StoreCorrupt, `alert ${alert.id} names run ${alert.runId}, which is not in the store`);
  const results = await lab.runResults(alert.runId);
  const comparisons: AlertView['comparisons'] = [];
  let from: string | null = null;
  // A drift is about the case's history, not about this run's verdict on it.
  for (const caseId of alert.kind === 'drift' ? [] : alert.caseIds) {
    const recorded = results.find((r) => r.result.caseId === caseId);
    if (!recorded?.comparison) continue;
    // The baseline this result was judged against: the newest accepted before the run.
    const baseline = (await lab.baselineHistory(caseId, run.machine)).filter((b) => b.acceptedAt <= run.startedAt).at(-1);
    from ??= baseline?.commit ?? null;
    const ok = recorded.result.state === 'ok' ? recorded.result : null;
    comparisons.push({
      caseId,
      comparison: recorded.comparison,
      ...(baseline ? { baselineMedian: baseline.median } : {}),
      ...(ok ? { currentMedian: ok.summary.median, n: ok.summary.n } : {}),
      unit: ok?.summary.unit ?? baseline?.unit ?? 'ns',
    });
  }
  const suiteErrors = alert.kind === 'suite-error'
    ? alert.caseIds.map((id) => {
        const errored = results.find((r) => r.result.caseId === id)?.result;
        return { file: id, message: errored?.state === 'errored' ? errored.error.message : 'the suite file did not load (see the run output)' };
      })
    : undefined;
  const findings = (await Promise.all((alert.findingIds ?? []).map((id) => lab.finding(id)))).flatMap((f) => f ?? []);
  const link = pageUrl(publicUrl, { page: 'alert', alertId: alert.id });
  // A drift spans commits by several people: no one author (a bisection names the culprit).
  const author = run.commit && alert.kind !== 'drift' ? await commitAuthor([...(repo ? [repo] : []), ...(await listMirrors(lab.dataDir))], run.commit) : undefined;
  return {
    alert,
    run,
    comparisons,
    commitRange: alert.kind === 'drift' ? { from: alert.drift.from.commit, to: alert.drift.to.commit } : { from, to: run.commit },
    ...(author ? { author } : {}),
    ...(link ? { link } : {}),
    ...(suiteErrors ? { suiteErrors } : {}),
    ...(findings.length > 0 ? { findings } : {}),
  };
}

/** The author, from the suites' own repository or one of the watched repositories' mirrors. */
async function commitAuthor(repos: readonly string[], commit: string): Promise<{ name: string } | undefined> {
  for (const repo of repos) {
    try {
      const name = await git(repo, ['log', '-1', '--format=%an', commit]);
      if (name) return { name };
    } catch {
      // not in this repository: try the next
    }
  }
  return undefined; // a commit from another clone (e.g. pushed by CI): no author to name
}
