// Where each page of the site lives: the one place that turns a case, run,
// alert or finding into a path. The same paths serve `perflab serve`, the
// static copy `perflab report --html DIR` writes, and the links Slack, CI
// reports and CLI tables print under `PERFLAB_PUBLIC_URL`.
//
// Paths end in `.html` and stay one folder deep so a static copy opened from
// disk or an artifact store links the same way as the server does.

import { ErrorCode, PerflabError } from '../engine/errors.js';

export type PageRef =
  | { page: 'overview' }
  | { page: 'findings' }
  | { page: 'case'; caseId: string }
  | { page: 'run'; runId: string }
  | { page: 'alert'; alertId: string };

/**
 * An id as one file name, reversibly: letters, digits, `-`, `_` and `.` stay;
 * every other byte becomes `~XX`. Case ids hold `/` and spaces
 * (`json/stringify 1MB`), which neither a file name nor a static file server's
 * decoding of `%2F` would keep.
 */
export function pageSlug(id: string): string {
  let slug = '';
  for (const byte of Buffer.from(id, 'utf8')) {
    const char = String.fromCharCode(byte);
    slug += /[A-Za-z0-9_.-]/.test(char) ? char : `~${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  // "." and ".." are not file names one can write.
  return slug.replace(/^\.+$/, (dots) => '~2E'.repeat(dots.length));
}

/** The id a slug was made from, or undefined when it is not a slug `pageSlug` makes. */
export function idOfSlug(slug: string): string | undefined {
  if (!/^(?:[A-Za-z0-9_.-]|~[0-9A-F]{2})+$/.test(slug)) return undefined;
  const bytes: number[] = [];
  for (let i = 0; i < slug.length; i++) {
    if (slug[i] === '~') {
      bytes.push(Number.parseInt(slug.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(slug.charCodeAt(i));
  }
  const id = Buffer.from(bytes).toString('utf8');
  return pageSlug(id) === slug ? id : undefined;
}

/** The page's path from the site's root, without a leading slash: `cases/json~2Fparse.html`. */
export function pagePath(ref: PageRef): string {
  switch (ref.page) {
    case 'overview':
      return 'index.html';
    case 'findings':
      return 'findings.html';
    case 'case':
      return `cases/${pageSlug(ref.caseId)}.html`;
    case 'run':
      return `runs/${pageSlug(ref.runId)}.html`;
    case 'alert':
      return `alerts/${pageSlug(ref.alertId)}.html`;
  }
}

/** What a path names, or undefined: the inverse of `pagePath` (`/` is the overview too). */
export function pageOfPath(path: string): PageRef | undefined {
  const trimmed = path.replace(/^\/+/, '');
  if (trimmed === '' || trimmed === 'index.html') return { page: 'overview' };
  if (trimmed === 'findings.html') return { page: 'findings' };
  const match = /^(cases|runs|alerts)\/([^/]+)\.html$/.exec(trimmed);
  const id = match ? idOfSlug(match[2]!) : undefined;
  if (!match || id === undefined) return undefined;
  if (match[1] === 'cases') return { page: 'case', caseId: id };
  if (match[1] === 'runs') return { page: 'run', runId: id };
  return { page: 'alert', alertId: id };
}

/** An absolute link to the page under the site's public address (`PERFLAB_PUBLIC_URL`), or undefined without one. */
export function pageUrl(publicUrl: string | undefined, ref: PageRef): string | undefined {
  if (!publicUrl) return undefined;
  return `${publicUrl.replace(/\/+$/, '')}/${pagePath(ref)}`;
}

/** `PERFLAB_PUBLIC_URL` read and checked: an http(s) URL, or undefined when unset. */
export function publicUrlFrom(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const value = env.PERFLAB_PUBLIC_URL?.trim();
  if (!value) return undefined;
  const bad = () => new PerflabError(ErrorCode.Config, `PERFLAB_PUBLIC_URL must be an http(s) URL such as https://perf.example.com/perflab/, got "${value}"`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw bad();
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw bad();
  return value;
}
