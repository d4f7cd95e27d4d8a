// Stress traffic goes to loopback, or to hosts a scenario names in
// `allowHosts` (DESIGN §11). Checked on the URL itself, before any traffic.
import { isIP } from 'node:net';

/** Null when `url` may be loaded; otherwise why not, for the person who wrote the suite. */
export function checkTargetHost(url: string, allowHosts: readonly string[] = []): string | null {
  let host: string;
  try {
    host = new URL(url).hostname.replace(/^\[|\]$/g, '').toLowerCase();
  } catch {
    return `"${url}" is not a URL`;
  }
  if (isLoopback(host) || allowHosts.some((h) => h.toLowerCase() === host)) return null;
  return `${host} is not loopback: stress traffic goes to 127.0.0.1, ::1 or localhost unless the scenario lists the host in allowHosts`;
}

function isLoopback(host: string): boolean {
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  if (host === '::1') return true;
  return /^::ffff:127\./.test(host);
}
