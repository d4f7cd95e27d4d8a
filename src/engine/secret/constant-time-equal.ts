// Secrets (webhook signatures, tokens) are compared in time that does not
// depend on where the strings differ — nor on their lengths: both sides are
// hashed first, so `timingSafeEqual` always sees two 32-byte buffers.
import { createHash, timingSafeEqual } from 'node:crypto';

export function constantTimeEqual(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b);
}
