// "Does my branch make it slower?": two commits checked out in temporary
// worktrees, every case present in both measured interleaved, A B B A …,
// with the same sequential decision as confirmation.
import { join } from 'node:path';
import { resolveCommit } from '../../engine/git/git.js';
import { withWorktree } from '../../engine/git/worktree.js';
import type { ExclusivePool } from '../../engine/pool/exclusive-pool.js';
import type { CaseError, Change, Verdict } from '../../engine/model.js';
import type { CaseFilter } from '../../engine/suite/case-filter.js';
import type { BenchOptions } from '../../engine/suite/define-suite.js';
import { confirmInterleaved, type ConfirmationMedians } from '../../engine/compare/confirm-change.js';
import { measureSides } from './confirm-suspect.js';
import { listCases, type SuiteError } from './list-cases.js';

export interface CompareRefsOptions {
  repo: string;
  refA: string;
  refB: string;
  /** Suites directory, relative to the repository root. */
  suites: string;
  filter: CaseFilter;
  pool: ExclusivePool;
  overrides?: BenchOptions;
  onProgress?: (caseId: string, side: 'baseline' | 'candidate', done: number, target: number) => void;
  signal?: AbortSignal;
  /** How a commit is checked out for measuring. Default: a worktree that borrows the repository's node_modules. */
  checkoutAt?: CheckoutAt;
}

/** Runs `fn` with `commit` checked out in a directory of its own, then cleans up. */
export type CheckoutAt = <T>(repo: string, commit: string, fn: (dir: string) => Promise<T>) => Promise<T>;

export interface RefComparison {
  caseId: string;
  verdict: Verdict;
  change?: Change;
  reason: string;
  error?: CaseError;
  /** What was measured, for whoever stores the comparison (e.g. `perflab ci --push`): the per-run medians of both sides. */
  measured?: ConfirmationMedians & { kind: 'function' | 'command' };
}

export interface CompareRefsReport {
  commitA: string;
  commitB: string;
  comparisons: RefComparison[];
  /** Cases that exist on one side only. */
  onlyA: string[];
  onlyB: string[];
  suiteErrors: (SuiteError & { side: 'A' | 'B' })[];
}

export async function compareRefs(options: CompareRefsOptions): Promise<CompareRefsReport> {
  const { repo, pool } = options;
  const commitA = await resolveCommit(repo, options.refA);
  const commitB = await resolveCommit(repo, options.refB);
  const checkoutAt = options.checkoutAt ?? withWorktree;
  return checkoutAt(repo, commitA, (dirA) =>
    checkoutAt(repo, commitB, async (dirB) => {
      const a = await listCases(pool, join(dirA, options.suites), options.filter, options.overrides);
      const b = await listCases(pool, join(dirB, options.suites), options.filter, options.overrides);
      const byId = new Map(a.cases.map((c) => [c.id, c]));
      const comparisons: RefComparison[] = [];
      for (const candidate of b.cases) {
        const baseline = byId.get(candidate.id);
        if (!baseline) continue;
        const confirmation = await confirmInterleaved(measureSides(pool, baseline, candidate, options.signal), {
          threshold: candidate.options.threshold,
          onRun: (side, done, target) => options.onProgress?.(candidate.id, side, done, target),
          ...(options.signal ? { signal: options.signal } : {}),
        });
        comparisons.push(
          confirmation.verdict === 'errored'
            ? { caseId: candidate.id, verdict: 'errored', reason: confirmation.reason, error: confirmation.error }
            : {
                caseId: candidate.id,
                verdict: confirmation.verdict,
                reason: confirmation.reason,
                ...(confirmation.change ? { change: confirmation.change } : {}),
                ...(confirmation.medians ? { measured: { kind: candidate.kind, ...confirmation.medians } } : {}),
              },
        );
      }
      const idsB = new Set(b.cases.map((c) => c.id));
      return {
        commitA,
        commitB,
        comparisons,
        onlyA: a.cases.filter((c) => !idsB.has(c.id)).map((c) => c.id),
        onlyB: b.cases.filter((c) => !byId.has(c.id)).map((c) => c.id),
        suiteErrors: [...a.suiteErrors.map((e) => ({ ...e, side: 'A' as const })), ...b.suiteErrors.map((e) => ({ ...e, side: 'B' as const }))],
      };
    }),
  );
}
