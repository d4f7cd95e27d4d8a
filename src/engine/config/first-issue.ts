// A zod failure as one line that names the field, e.g.
// `comparisons.0.verdict: Invalid option: expected one of …`.
import type { z } from 'zod';

export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  const field = issue?.path.length ? issue.path.join('.') : '(body)';
  return `${field}: ${issue?.message ?? 'invalid'}`;
}
