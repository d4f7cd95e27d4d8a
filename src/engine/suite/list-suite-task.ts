// The task file that lists one suite, in a fresh worker: a suite's
// top-level code is user code. It sends back the suite's definition as data
// (suite-shape.ts) for the main thread to validate, and how each fuzz
// property's factory fared — calling a factory is user code too, and a
// factory that throws is reported once here, before any worker fuzzes it.
import { PerflabError } from '../errors.js';
import type { CaseError } from '../model.js';
import { toThrownValue, type ThrownValue } from '../pool/thrown-value.js';
import type { SuiteModule } from './compile-suite.js';
import type { Suite } from './define-suite.js';
import { isFuzzProperty } from './is-fuzz-property.js';
import { loadSuite } from './load-suite.js';
import { toShape } from './suite-shape.js';

export interface ListSuiteTask {
  suite: SuiteModule;
}

/** What calling a fuzz entry's `property()` once gave. */
export type FactoryCheck = { ok: true } | { ok: false; threw: ThrownValue } | { ok: false; returned: string };

export type ListSuiteReply = { ok: true; shape: unknown; factories: Record<string, FactoryCheck> } | { ok: false; error: CaseError };

export default async function listSuiteTask(task: ListSuiteTask): Promise<ListSuiteReply> {
  let suite: Suite;
  try {
    suite = await loadSuite(task.suite);
  } catch (error) {
    if (error instanceof PerflabError) return { ok: false, error: { code: error.code, message: error.message } };
    throw error;
  }
  return { ok: true, shape: toShape(suite), factories: checkFactories(suite) };
}

function checkFactories(suite: Suite): Record<string, FactoryCheck> {
  const checks: Record<string, FactoryCheck> = {};
  const fuzz: unknown = suite.fuzz;
  if (typeof fuzz !== 'object' || fuzz === null) return checks; // not a map of entries: validation says so
  for (const [name, entry] of Object.entries(fuzz as Record<string, { property?: unknown }>)) {
    if (typeof entry?.property !== 'function') continue;
    try {
      const property: unknown = (entry.property as (ctx: object) => unknown)({});
      checks[name] = isFuzzProperty(property) ? { ok: true } : { ok: false, returned: property === null ? 'null' : typeof property };
    } catch (error) {
      checks[name] = { ok: false, threw: toThrownValue(error) };
    }
  }
  return checks;
}
