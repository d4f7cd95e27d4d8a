// Public `BenchOptions` (all optional) resolved once into the form the
// measurement uses. Defaults live here and only here.
import type { BenchOptions } from '../../engine/suite/define-suite.js';

export type CaseKind = 'function' | 'command';

export type ResolvedBenchOptions = Required<BenchOptions>;

const DEFAULTS: Record<CaseKind, ResolvedBenchOptions> = {
  function: { timeBudgetMs: 1000, minSamples: 30, maxSamples: 10_000, warmupMs: 250, timeoutMs: 60_000, threshold: 0.03 },
  // warmupMs for commands counts executions: one unmeasured run fills caches.
  command: { timeBudgetMs: 3000, minSamples: 10, maxSamples: 100, warmupMs: 1, timeoutMs: 60_000, threshold: 0.03 },
};

/** Later layers win: perflab defaults < suite options < case options < run overrides (CLI flags are this run's explicit intent). */
export function resolveBenchOptions(kind: CaseKind, ...layers: (BenchOptions | undefined)[]): ResolvedBenchOptions {
  const resolved = { ...DEFAULTS[kind] };
  for (const layer of layers) {
    for (const [key, value] of Object.entries(layer ?? {})) {
      if (value !== undefined && key in resolved) resolved[key as keyof ResolvedBenchOptions] = value as number;
    }
  }
  resolved.maxSamples = Math.max(resolved.maxSamples, resolved.minSamples);
  return resolved;
}
