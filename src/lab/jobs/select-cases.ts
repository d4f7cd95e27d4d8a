// What a request selects: in words for people ("json/*", "a/x, b/y", "all"),
// and as a case filter. Shared by every job kind that takes a selection.
import { z } from 'zod';
import { caseFilter, type CaseFilter } from '../../engine/suite/case-filter.js';

export const selectionFields = {
  pattern: z.string().optional(),
  caseIds: z.array(z.string()).readonly().optional(),
};

export function selectCases(request: { pattern?: string | undefined; caseIds?: readonly string[] | undefined }): { selection: string; filter: CaseFilter } {
  if (request.caseIds) {
    const ids = new Set(request.caseIds);
    return { selection: request.caseIds.join(', '), filter: (id) => ids.has(id) };
  }
  return { selection: request.pattern ?? 'all', filter: caseFilter(request.pattern) };
}
