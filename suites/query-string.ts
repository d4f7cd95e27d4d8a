// Fuzz example with a planted bug (see fixtures/query-string.mjs): parsing
// what was stringified must give the parameters back. `perflab fuzz
// query-string` finds it within a second and shrinks it to one character.
import { deepStrictEqual } from 'node:assert/strict';
import fc from 'fast-check';
import { defineSuite } from 'perflab';
import { parseQuery, stringifyQuery } from './fixtures/query-string.mjs';

const key = fc.string({ minLength: 1, maxLength: 8 });

export default defineSuite({
  name: 'query-string',
  fuzz: {
    'round trip': {
      property: () =>
        fc.property(fc.dictionary(key, fc.string({ maxLength: 12 })), (params) => {
          deepStrictEqual(parseQuery(stringifyQuery(params)), { ...params });
        }),
      budget: '2s',
    },
  },
});
