// What a slash command may hand the engine. Each check returns the problem in
// a few words (to follow "`x` is not a …: "), or undefined when the value is fine.
// Refs end up as git arguments: a leading `-` would make git read an option,
// so it is refused here, long before any git call.

export const MAX_PATTERN = 200;
export const MAX_REF = 200;
export const MAX_JOB_ID = 64;

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001F\u007F\u2028\u2029]/;
/** Letters and digits of any script and a few punctuation marks git and people agree on. */
const REF_CHARS = /^[\p{L}\p{N}._/+@#%=,-]+$/u;
/** Revision suffixes (`HEAD~1`, `main^2`): harmless, and what people type to compare with a parent. */
const REV_SUFFIX = /(?:[~^]\d{0,3})*$/;

export function checkRef(ref: string): string | undefined {
  if (ref.length === 0) return 'it is empty';
  if (ref.startsWith('-')) return 'refs cannot start with `-`';
  // `+ref` is a forced refspec to `git fetch`.
  if (ref.startsWith('+')) return 'refs cannot start with `+`';
  if (ref.length > MAX_REF) return `refs are at most ${MAX_REF} characters`;
  const base = ref.replace(REV_SUFFIX, '');
  if (base.length === 0) return 'it has no branch, tag or commit before `~`/`^`';
  if (!REF_CHARS.test(base)) return 'refs are letters, digits and `. _ / - + @ # % = ,`';
  if (base.includes('..')) return 'refs cannot contain `..`';
  if (base === '@') return '`@` alone is not a ref';
  if (base.startsWith('/') || base.endsWith('/') || base.includes('//')) return 'refs cannot start or end with `/` or contain `//`';
  if (base.endsWith('.') || base.endsWith('.lock') || base.split('/').some((part) => part.startsWith('.'))) {
    return 'refs cannot end with `.` or `.lock`, nor have a part starting with `.`';
  }
  return undefined;
}

export function checkPattern(pattern: string): string | undefined {
  if (pattern.length === 0) return 'it is empty';
  if (pattern.startsWith('-')) return 'patterns cannot start with `-`';
  if (pattern.length > MAX_PATTERN) return `patterns are at most ${MAX_PATTERN} characters`;
  if (CONTROL.test(pattern)) return 'it contains control characters';
  return undefined;
}

/** Case ids are `suite/name`; the name may contain spaces and further slashes. */
export function checkCaseId(caseId: string): string | undefined {
  const slash = caseId.indexOf('/');
  if (slash <= 0 || caseId.slice(slash + 1).trim().length === 0) return 'case ids look like `suite/name`';
  if (/\s/.test(caseId.slice(0, slash))) return 'the suite part (before `/`) has no spaces';
  if (caseId.startsWith('-')) return 'case ids cannot start with `-`';
  if (caseId.length > MAX_PATTERN) return `case ids are at most ${MAX_PATTERN} characters`;
  if (CONTROL.test(caseId)) return 'it contains control characters';
  return undefined;
}

export function checkJobId(jobId: string): string | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(jobId)) return 'job ids are letters, digits, `-` and `_`';
  if (jobId.length > MAX_JOB_ID) return `job ids are at most ${MAX_JOB_ID} characters`;
  return undefined;
}
