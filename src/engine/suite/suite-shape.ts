// A suite definition as data that can cross the thread boundary. The
// listing worker sends the shape of what the suite exported; the main thread
// rebuilds it and checks it against the schema (validate-suite.ts), so zod
// never loads in a worker. Functions — the suite's own code — stay behind:
// each becomes a marker, and in the main thread a stand-in that refuses to
// run, since a suite's code runs in workers only.

/** A key no suite writes: marks a value that structured clone cannot carry. */
const MARK = '\u0000perflab:shape';
const MAX_DEPTH = 32;

type Marker = { [MARK]: 'function' | 'unclonable' | 'cycle' | 'too deep'; name?: string };

/** In the worker: `value` with functions and other unclonable values replaced by markers. */
export function toShape(value: unknown): unknown {
  return shapeOf(value, new Set(), 0);
}

function shapeOf(value: unknown, path: Set<object>, depth: number): unknown {
  if (typeof value === 'function') return mark('function', value.name);
  if (typeof value === 'symbol') return mark('unclonable', value.toString());
  if (typeof value !== 'object' || value === null) return value;
  if (path.has(value)) return mark('cycle');
  if (depth >= MAX_DEPTH) return mark('too deep');
  const proto: unknown = Object.getPrototypeOf(value);
  const plain = Array.isArray(value) || proto === Object.prototype || proto === null;
  // A Map, a URL, a class instance: the schema has no place for them; say what it was.
  if (!plain) return mark('unclonable', (value as object).constructor?.name ?? 'object');
  path.add(value);
  try {
    if (Array.isArray(value)) return value.map((item) => shapeOf(item, path, depth + 1));
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, shapeOf(item, path, depth + 1)]));
  } finally {
    path.delete(value);
  }
}

/** In the main thread: the definition again, functions as stand-ins that throw if called. */
export function fromShape(shape: unknown): unknown {
  if (typeof shape !== 'object' || shape === null) return shape;
  if (Array.isArray(shape)) return shape.map(fromShape);
  const marker = (shape as Partial<Marker>)[MARK];
  if (marker === 'function') return standIn((shape as Marker).name ?? '');
  // Not a plain value; an empty object lets the schema say "expected …" at the right field.
  if (marker !== undefined) return Object.freeze({});
  return Object.fromEntries(Object.entries(shape).map(([key, item]) => [key, fromShape(item)]));
}

function mark(kind: Marker[typeof MARK], name?: string): Marker {
  return name ? { [MARK]: kind, name } : { [MARK]: kind };
}

function standIn(name: string): () => never {
  return () => {
    throw new Error(`${name || 'a suite function'} runs in a worker only; this is its stand-in in perflab's main thread`);
  };
}
