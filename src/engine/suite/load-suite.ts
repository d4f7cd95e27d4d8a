// Imports one suite file and checks what it exports. Runs inside a worker,
// never in perflab's main thread: a suite's top-level code is user code.
import { pathToFileURL } from 'node:url';
import { ErrorCode, PerflabError } from '../errors.js';
import { isSuite, type Suite } from './define-suite.js';

export async function loadSuite(file: string): Promise<Suite> {
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (error) {
    if (error instanceof PerflabError) throw new PerflabError(error.code, error.message, { file, cause: error });
    throw new PerflabError(ErrorCode.SuiteLoad, `cannot load suite: ${describe(error)}`, { file, cause: error });
  }
  // An ES module's default export, or a .ts file compiled to CommonJS whose
  // `module.exports.default` arrives wrapped once more.
  const candidate = isSuite(mod.default) ? mod.default : (mod.default as Record<string, unknown> | undefined)?.default;
  if (!isSuite(candidate)) {
    throw new PerflabError(
      ErrorCode.SuiteInvalid,
      'a suite file must `export default defineSuite({ name, bench: { ... } })` (imported from "perflab")',
      { file },
    );
  }
  return candidate;
}

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message.split('\n')[0]}`;
  return String(error);
}
