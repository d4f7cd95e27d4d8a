// Run ids sort by start time and stay unique across machines: a UTC stamp and
// a random suffix, e.g. `20261121T212200Z-3fa9c1`.
import { randomBytes } from 'node:crypto';

export function newRunId(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return `${stamp}-${randomBytes(3).toString('hex')}`;
}
