// Retention: what a result keeps once its raw samples are too old to keep.
// Everything but the samples stays — summary, process stats, the verdict —
// so reports, charts and baselines read the same; only a re-analysis of the
// raw values is no longer possible.
import type { RecordedResult } from '../model.js';

/** The results without raw samples, and how many of them had some. Pure. */
export function dropSamples(results: readonly RecordedResult[]): { results: RecordedResult[]; dropped: number } {
  let dropped = 0;
  const kept = results.map((recorded) => {
    const { result } = recorded;
    if (result.state !== 'ok') return recorded;
    const stressSamples = result.stress?.samples?.length ?? 0; // a stored record may lack it
    if (result.samples === '' && stressSamples === 0) return recorded;
    dropped++;
    // '' is the encoding of no samples (`decodeSamples('')` is empty), so the result keeps its type.
    return { ...recorded, result: { ...result, samples: '', ...(result.stress ? { stress: { ...result.stress, samples: [] } } : {}) } };
  });
  return { results: kept, dropped };
}
