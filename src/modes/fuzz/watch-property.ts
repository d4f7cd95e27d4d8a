// Wraps a fast-check property so every generated value and every check of
// the predicate is visible in the shared cells. fast-check only sees a
// property; everything but generate/shrink/run passes through untouched.
import type { IRawProperty } from 'fast-check';
import type { CellsWriter } from './fuzz-cells.js';

/** Wrap once per fast-check call: the fallback index (when fast-check passes no run id) counts from 0. */
export function watchProperty<T>(property: IRawProperty<T>, cells: CellsWriter): IRawProperty<T> {
  let generatedInChunk = 0;
  const generate: IRawProperty<T>['generate'] = (mrng, runId) => {
    cells.enter('generating');
    const value = property.generate(mrng, runId);
    cells.generated(runId ?? generatedInChunk);
    generatedInChunk++;
    return value;
  };
  const shrink: IRawProperty<T>['shrink'] = (value) => {
    cells.shrinking();
    return property.shrink(value);
  };
  const run = (value: T): unknown => {
    cells.enter('checking');
    let outcome: unknown;
    try {
      outcome = property.run(value);
    } catch (error) {
      cells.leave();
      throw error;
    }
    if (outcome instanceof Promise) return outcome.finally(() => cells.leave());
    cells.leave();
    return outcome;
  };
  return new Proxy(property, {
    get(target, key) {
      if (key === 'generate') return generate;
      if (key === 'shrink') return shrink;
      if (key === 'run') return run;
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
