// A PostgreSQL connection URL as perflab takes it: checked before it reaches
// the client, and shown in messages without its password.
import { ErrorCode, PerflabError } from '../../errors.js';

const SCHEME = /^postgres(?:ql)?:\/\//;

/**
 * `postgres://alice:secret@db:5432/perflab` → `postgres://alice@db:5432/perflab`.
 * Everything between the scheme and the last `@` is credentials; only the
 * user name before the first `:` is kept (a password with an unescaped `@`
 * loses more, never shows).
 */
export function redactDatabaseUrl(url: string): string {
  const scheme = SCHEME.exec(url)?.[0];
  if (scheme === undefined) return '(not a postgres:// URL)';
  const at = url.lastIndexOf('@');
  if (at < scheme.length) return url;
  const user = url.slice(scheme.length, at).split(':')[0] ?? '';
  return `${scheme}${user}@${url.slice(at + 1)}`;
}

/**
 * Throws PerflabError Config, naming `source` (e.g. the environment variable),
 * when `url` is not a postgres:// URL that can be parsed. The message never
 * holds the URL itself: a malformed one may not be redactable.
 */
export function checkDatabaseUrl(url: string, source: string): void {
  if (!SCHEME.test(url)) throw new PerflabError(ErrorCode.Config, `${source}: not a PostgreSQL URL (expected postgres://user:password@host:port/database)`);
  // Several hosts (`postgres://a:5432,b:5432/db`) are the client's to parse; check the rest with them removed.
  const hosts = /^(postgres(?:ql)?:\/\/(?:[^@/]*@)?)([^/?#]*)/.exec(url);
  const single = hosts ? `${hosts[1]}${(hosts[2] ?? '').split(',')[0] ?? ''}${url.slice(hosts[0].length)}` : url;
  try {
    new URL(single);
  } catch {
    throw new PerflabError(ErrorCode.Config, `${source}: not a valid URL (check its host, port and that special characters in the password are %-escaped)`);
  }
}
