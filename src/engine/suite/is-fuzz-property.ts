// Does a fuzz entry's factory return what `fc.property` / `fc.asyncProperty`
// return? Checked by shape, not by class: the suite may use its own copy of
// fast-check.
import type { IRawProperty } from 'fast-check';

export function isFuzzProperty(value: unknown): value is IRawProperty<unknown> {
  const p = value as Partial<Record<'generate' | 'run' | 'isAsync' | 'shrink', unknown>> | null;
  return typeof p === 'object' && p !== null && typeof p.generate === 'function' && typeof p.run === 'function' && typeof p.isAsync === 'function' && typeof p.shrink === 'function';
}
