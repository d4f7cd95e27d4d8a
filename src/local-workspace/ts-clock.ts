/**
 * Slack message timestamps ("1700000000.000100": seconds, a dot, six digits),
 * unique and strictly increasing across the workspace even when many are
 * made in the same microsecond, so sorting them as strings sorts by time.
 */
export function createTsClock(nowMs: () => number = Date.now): () => string {
  let lastUs = 0;
  return () => {
    const us = Math.max(Math.floor(nowMs() * 1000), lastUs + 1);
    lastUs = us;
    return `${Math.floor(us / 1e6)}.${String(us % 1e6).padStart(6, '0')}`;
  };
}
