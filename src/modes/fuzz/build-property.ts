// Inside a worker: load the suite and build one of its fuzz properties. A
// factory that throws, or returns something that is not a property, is that
// property's error, reported with its name — here, and when the suite is
// listed (list-properties.ts), in the same words.
import fc, { type IRawProperty } from 'fast-check';
import { ErrorCode, PerflabError } from '../../engine/errors.js';
import type { SuiteModule } from '../../engine/suite/compile-suite.js';
import type { FuzzContext } from '../../engine/suite/fuzz-schema.js';
import { isFuzzProperty } from '../../engine/suite/is-fuzz-property.js';
import type { FactoryCheck } from '../../engine/suite/list-suite-task.js';
import { loadSuite } from '../../engine/suite/load-suite.js';
import { errorLine, toErrorInfo } from './error-info.js';
import type { PropertySettings } from './fuzz-task.js';

export async function buildProperty(module: SuiteModule, caseName: string, settings: PropertySettings, ctx: FuzzContext = {}): Promise<IRawProperty<unknown>> {
  const suite = await loadSuite(module);
  const entry = suite.fuzz?.[caseName];
  if (!entry) throw new PerflabError(ErrorCode.CaseNotFound, `no fuzz property "${caseName}" in suite "${suite.name}"`, { file: module.file });
  // Arbitraries read the size when they are built.
  fc.configureGlobal({ ...fc.readConfigureGlobal(), baseSize: settings.size });
  let property: unknown;
  try {
    property = entry.property(ctx);
  } catch (error) {
    throw propertyBuildError(caseName, { ok: false, threw: toErrorInfo(error) });
  }
  if (!isFuzzProperty(property)) throw propertyBuildError(caseName, { ok: false, returned: property === null ? 'null' : typeof property });
  return property;
}

/** Why a property cannot run: its factory threw, or returned something else than a property. */
export function propertyBuildError(caseName: string, failure: Exclude<FactoryCheck, { ok: true }>): PerflabError {
  const why = 'threw' in failure
    ? `building the property threw ${errorLine(failure.threw)}`
    : `property() must return fc.property(…) or fc.asyncProperty(…), got ${failure.returned}`;
  return new PerflabError(ErrorCode.PropertyBuild, `fuzz "${caseName}": ${why}`);
}
