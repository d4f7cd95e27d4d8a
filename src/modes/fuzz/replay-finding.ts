// Replaying on demand: `perflab fuzz --replay <findingId>` (from the store)
// and `perflab fuzz <case> --seed … --path …` (no store needed: what a
// finding's repro line says). The property is looked up in the suites as they
// are now, so a replay answers "does this checkout still fail?".
import { ErrorCode, PerflabError } from '../../engine/errors.js';
import type { Finding, Run } from '../../engine/model.js';
import type { Store } from '../../engine/store/store.js';
import type { FuzzPool } from './fuzz-pool.js';
import { listProperties, type PropertyRef } from './list-properties.js';
import { isSameCode } from './replay-findings.js';
import { replayInput, storedInput, type ReplayResult, type StoredInput } from './replay-input.js';

export interface ReplayCaseOptions {
  pool: FuzzPool;
  suitesDir: string;
  caseId: string;
  input: StoredInput;
  signal?: AbortSignal;
}

export async function replayCaseInput(options: ReplayCaseOptions): Promise<ReplayResult> {
  const property = await findProperty(options.pool, options.suitesDir, options.caseId, options.signal);
  return replayInput(options.pool, property, options.input, options.signal);
}

export interface ReplayFindingOptions {
  store: Store;
  pool: FuzzPool;
  suitesDir: string;
  findingId: string;
  /** The checkout replayed: a clean replay at the commit the finding was last seen at marks it flaky. */
  checkout: Pick<Run, 'commit' | 'dirty'>;
  signal?: AbortSignal;
}

/** What one replay of a stored finding showed; `markedFlaky` when it passed on the code it had failed on. */
export interface FindingReplay {
  finding: Finding;
  result: ReplayResult;
  markedFlaky: boolean;
}

export async function replayFinding(options: ReplayFindingOptions): Promise<FindingReplay> {
  const { store, findingId } = options;
  const finding = (await store.getFinding(findingId));
  if (!finding || finding.mode !== 'fuzz') {
    throw new PerflabError(ErrorCode.FindingNotFound, `no fuzz finding "${findingId}" (perflab findings lists them)`);
  }
  const input = storedInput(finding.detail);
  if (!input) throw new PerflabError(ErrorCode.FindingNotFound, `finding ${findingId} has no seed and path to replay`);
  const result = await replayCaseInput({ pool: options.pool, suitesDir: options.suitesDir, caseId: finding.caseId, input, ...(options.signal ? { signal: options.signal } : {}) });
  if (result.state === 'passed' && isSameCode(options.checkout, finding)) {
    return { finding: (await store.setFindingFlaky(finding.id, true)) ?? finding, result, markedFlaky: true };
  }
  return { finding, result, markedFlaky: false };
}

async function findProperty(pool: FuzzPool, suitesDir: string, caseId: string, signal?: AbortSignal): Promise<PropertyRef> {
  const { properties, suiteErrors } = await listProperties(pool, suitesDir, (id) => id === caseId, signal);
  const property = properties[0];
  if (!property) {
    const broken = suiteErrors.map((s) => `${s.file}: ${s.error.message}`).join('; ');
    throw new PerflabError(ErrorCode.CaseNotFound, `no fuzz property "${caseId}" in ${suitesDir}${broken ? ` (suites that failed to load: ${broken})` : ''}`);
  }
  if (property.error) throw new PerflabError(ErrorCode.PropertyBuild, property.error.message);
  return property;
}
