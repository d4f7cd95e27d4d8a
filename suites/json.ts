// JSON.parse and JSON.stringify on a realistic ~1 MB document: an API
// response with nested records, numbers, unicode and escapes.
import { defineSuite } from 'perflab';

function makeDocument(targetBytes: number): unknown {
  const items = [];
  let size = 0;
  for (let i = 0; size < targetBytes; i++) {
    const item = {
      id: i,
      sku: `SKU-${(i * 7919).toString(36).toUpperCase()}`,
      title: `Item ${i} — “quoted” café ${'★'.repeat(i % 5)}`,
      price: Math.round(((i * 37) % 10_000) * 100) / 10_000,
      tags: ['alpha', 'beta', 'gamma', 'delta'].slice(0, (i % 4) + 1),
      stock: { warehouse: i % 13, count: (i * 31) % 997, reserved: i % 3 === 0 },
      notes: i % 11 === 0 ? 'line one\nline two\t"tabbed"' : null,
    };
    size += JSON.stringify(item).length;
    items.push(item);
  }
  return { page: 1, total: items.length, items };
}

export default defineSuite({
  name: 'json',
  bench: {
    'parse 1MB': {
      setup: () => ({ text: JSON.stringify(makeDocument(1 << 20)) }),
      fn: ({ text }: { text: string }) => JSON.parse(text),
    },
    'stringify 1MB': {
      setup: () => ({ doc: makeDocument(1 << 20) }),
      fn: ({ doc }: { doc: unknown }) => JSON.stringify(doc),
    },
    'round trip small': {
      setup: () => ({ doc: { user: 'ada', roles: ['admin', 'dev'], active: true, score: 0.98 } }),
      fn: ({ doc }: { doc: unknown }) => JSON.parse(JSON.stringify(doc)),
    },
  },
});
