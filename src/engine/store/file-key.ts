// Case ids (`suite/name`) and run ids become file names. A readable slug lets a
// person find the file; the hash keeps ids apart that the slug would merge
// (`a/b` and `a_b`, or `Foo` and `foo` on a case-insensitive file system).
import { createHash } from 'node:crypto';

const MAX_SLUG = 60; // characters; keeps paths well under any file system's limit

/** Keys made so far: a report names each case's month files ~10 times, and a hash each time showed in its profile. */
const made = new Map<string, string>();
const MAX_REMEMBERED = 10_000; // ids; a lab has a few hundred cases, runs are named once each

/** A file-system-safe, collision-resistant name for an id: `slug-hash`. */
export function fileKey(id: string): string {
  let key = made.get(id);
  if (key === undefined) {
    if (made.size >= MAX_REMEMBERED) made.clear();
    key = keyOf(id);
    made.set(id, key);
  }
  return key;
}

function keyOf(id: string): string {
  const slug = id
    .replaceAll('/', '~')
    .replace(/[^A-Za-z0-9._~-]+/g, '_')
    .replace(/^\.+/, '_')
    .slice(0, MAX_SLUG);
  const hash = createHash('sha256').update(id).digest('hex').slice(0, 12);
  return `${slug}-${hash}`;
}
