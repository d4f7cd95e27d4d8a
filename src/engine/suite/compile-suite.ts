// A suite file as the plain-JS module a worker imports: bundled with its own
// helpers (engine/compile), once per content. In perflab's main thread;
// nothing of the suite runs here, it is only read.
import { compileModule } from '../compile/compile-module.js';
import { BundleError } from '../compile/bundle-module.js';
import { ErrorCode, PerflabError } from '../errors.js';

/** A suite file and the module it compiled to. What a worker task carries to load a suite. */
export interface SuiteModule {
  /** The suite file as written; what every message names. */
  file: string;
  /** The compiled module's file URL. */
  url: string;
}

/** Throws a `PERFLAB_E_SUITE_LOAD` naming the file and the reason (a syntax error, an import that does not resolve). */
export async function compileSuite(file: string): Promise<SuiteModule> {
  try {
    return { file, url: await compileModule({ key: `suite:${file}`, entry: { kind: 'file', file } }) };
  } catch (error) {
    if (error instanceof BundleError) throw new PerflabError(ErrorCode.SuiteLoad, `cannot load suite: ${error.message}`, { file, cause: error });
    throw error;
  }
}
