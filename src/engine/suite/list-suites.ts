// The one suite lister of every mode. Each file is compiled (a syntax error
// is caught here, with its line), loaded in a fresh worker (its top-level
// code is user code), and what it defines is validated in this thread
// against the schema. A case id (`suite/name`) may come from one file only.
// A broken suite is a `SuiteError` naming the file and the reason; the
// others are still listed. The modes' listers — bench/list-cases.ts,
// stress/list-scenarios.ts, fuzz/list-properties.ts — filter this.
import { ErrorCode, PerflabError } from '../errors.js';
import type { CaseError } from '../model.js';
import { runInFreshWorker } from '../pool/run-in-fresh-worker.js';
import { compileSuite } from './compile-suite.js';
import type { SuiteDefinition } from './define-suite.js';
import { discoverSuites } from './discover-suites.js';
import type { FactoryCheck, ListSuiteReply, ListSuiteTask } from './list-suite-task.js';
import { fromShape } from './suite-shape.js';
import { validateSuite } from './validate-suite.js';

export interface SuiteError {
  file: string;
  error: CaseError;
}

export interface ListedSuite {
  file: string;
  /** Validated. Its functions are stand-ins that throw: a suite's code runs in workers only. */
  definition: SuiteDefinition;
  /** How each fuzz property's factory fared when the worker called it. */
  factories: Record<string, FactoryCheck>;
}

export interface SuiteListing {
  suites: ListedSuite[];
  suiteErrors: SuiteError[];
}

export interface ListSuitesOptions {
  /** Stops listing; the suites not listed yet are left out, without an error. */
  signal?: AbortSignal;
  /** The listing workers' environment. Default: `process.env` as it is when each starts. */
  env?: NodeJS.ProcessEnv;
}

const LIST_TASK = new URL('./list-suite-task.ts', import.meta.url);
/** Importing a suite may take a while on a busy machine; one that takes longer hangs, ms. */
const LIST_TIMEOUT_MS = 60_000;

/** Every suite in `dir` (see discover-suites.ts for which files are suites). */
export async function listSuites(dir: string, options: ListSuitesOptions = {}): Promise<SuiteListing> {
  return listSuiteFiles(await discoverSuites(dir), options);
}

export async function listSuiteFiles(files: readonly string[], options: ListSuitesOptions = {}): Promise<SuiteListing> {
  const listing: SuiteListing = { suites: [], suiteErrors: [] };
  const owners = new Map<string, string>();
  for (const file of files) {
    if (options.signal?.aborted) break;
    const one = await listOne(file, options);
    if ('error' in one) {
      if (one.error.code === ErrorCode.Cancelled) break;
      listing.suiteErrors.push(one);
      continue;
    }
    const ids = caseIds(one.definition);
    const taken = ids.find((id) => owners.has(id));
    if (taken !== undefined) {
      listing.suiteErrors.push({ file, error: { code: ErrorCode.SuiteInvalid, message: `case id "${taken}" is already defined by ${owners.get(taken)}` } });
      continue;
    }
    for (const id of ids) owners.set(id, file);
    listing.suites.push(one);
  }
  return listing;
}

async function listOne(file: string, options: ListSuitesOptions): Promise<ListedSuite | SuiteError> {
  try {
    const suite = await compileSuite(file);
    const outcome = await runInFreshWorker<ListSuiteReply>(LIST_TASK, { suite } satisfies ListSuiteTask, {
      timeoutMs: LIST_TIMEOUT_MS,
      timeoutHint: 'does the suite hang while it loads?',
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.env ? { env: options.env } : {}),
    });
    if (!outcome.ok) return { file, error: outcome.error };
    if (!outcome.value.ok) return { file, error: outcome.value.error };
    const definition = fromShape(outcome.value.shape);
    validateSuite(definition);
    return { file, definition: definition as SuiteDefinition, factories: outcome.value.factories };
  } catch (error) {
    if (!(error instanceof PerflabError)) throw error;
    // Messages name the file, as they did when a suite was checked as it loaded.
    const named = error.file === undefined ? new PerflabError(error.code, error.message, { file }) : error;
    return { file, error: { code: named.code, message: named.message } };
  }
}

/** Every `suite/name` the suite defines, whatever the mode. */
function caseIds(definition: SuiteDefinition): string[] {
  const names = [definition.bench, definition.stress, definition.fuzz].flatMap((cases) => Object.keys(cases ?? {}));
  return [...new Set(names)].map((name) => `${definition.name}/${name}`);
}
