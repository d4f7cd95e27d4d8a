// Inside a worker: load the suite and build one of its fuzz properties. A
// factory that throws, or returns something that is not a property, is that
// property's error, reported with its name.
import fc, { type IRawProperty } from 'fast-check';
import { ErrorCode, PerflabError } from '../../engine/errors.js';
import type { FuzzContext } from '../../engine/suite/fuzz-schema.js';
import { loadSuite } from '../../engine/suite/load-suite.js';
import { errorLine, toErrorInfo } from './error-info.js';
import type { PropertySettings } from './fuzz-task.js';
import { isProperty } from './watch-property.js';

export async function buildProperty(file: string, caseName: string, settings: PropertySettings, ctx: FuzzContext = {}): Promise<IRawProperty<unknown>> {
  const suite = await loadSuite(file);
  const entry = suite.fuzz?.[caseName];
  if (!entry) throw new PerflabError(ErrorCode.CaseNotFound, `no fuzz property "${caseName}" in suite "${suite.name}"`, { file });
  // Arbitraries read the size when they are built; workers are reused, so set it every time.
  fc.configureGlobal({ ...fc.readConfigureGlobal(), baseSize: settings.size });
  let property: unknown;
  try {
    property = entry.property(ctx);
  } catch (error) {
    throw new PerflabError(ErrorCode.PropertyBuild, `fuzz "${caseName}": building the property threw ${errorLine(toErrorInfo(error))}`);
  }
  if (!isProperty(property)) {
    const got = property === null ? 'null' : typeof property;
    throw new PerflabError(ErrorCode.PropertyBuild, `fuzz "${caseName}": property() must return fc.property(…) or fc.asyncProperty(…), got ${got}`);
  }
  return property;
}
