// `--filter PATTERN` and `/perflab run PATTERN`: a glob over case ids
// (`json/*`, `*/parse*`) when the pattern has glob characters, otherwise a
// case-insensitive substring of the id (`json`, `tls/transfer`).
import picomatch from 'picomatch';

export type CaseFilter = (caseId: string) => boolean;

export function caseFilter(pattern: string | undefined): CaseFilter {
  if (!pattern || pattern === 'all') return () => true;
  if (/[*?[\]{}!]/.test(pattern)) {
    const glob = picomatch(pattern, { nocase: true, dot: true });
    // One argument only: picomatch's second is `returnObject`, so `ids.filter(glob)` (index as 2nd) kept every id after the first.
    return (id) => glob(id);
  }
  const needle = pattern.toLowerCase();
  return (id) => id.toLowerCase().includes(needle);
}
