// Imports one compiled suite and checks what it exports. Runs inside a
// worker, never in perflab's main thread: a suite's top-level code is user
// code.
import { ErrorCode, PerflabError } from '../errors.js';
import { thrownLine, toThrownValue } from '../pool/thrown-value.js';
import type { SuiteModule } from './compile-suite.js';
import { isSuite, type Suite } from './define-suite.js';

export async function loadSuite({ file, url }: SuiteModule): Promise<Suite> {
  let mod: Record<string, unknown>;
  try {
    mod = (await import(url)) as Record<string, unknown>;
  } catch (error) {
    if (error instanceof PerflabError) throw new PerflabError(error.code, error.message, { file, cause: error });
    throw new PerflabError(ErrorCode.SuiteLoad, `cannot load suite: ${thrownLine(toThrownValue(error))}`, { file, cause: error });
  }
  // An ES module's default export, or a CommonJS suite whose
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
