// perflab fuzzes itself: the Slack command parser must answer anything with a
// ParseResult (never throw), and the samples codec must give back every value
// at Float32 precision.
import fc from 'fast-check';
import { defineSuite } from 'perflab';
import { parseCommand } from '../src/bot/commands/parse-command.js';
import { normalizeCommandText, tokenize } from '../src/bot/commands/tokenize.js';
import { decodeSamples, encodeSamples } from '../src/engine/stats/samples-codec.js';

const word = fc.stringMatching(/^[a-z0-9/@._-]{1,12}$/);

export default defineSuite({
  name: 'perflab-parsers',
  fuzz: {
    'slash command parser never throws': {
      property: () =>
        fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.array(fc.oneof(word, fc.constantFrom('"', "'", '“', '&amp;', ' ')), { maxLength: 20 }).map((parts) => parts.join(' '))), (text) => {
          const result = parseCommand(text);
          if (typeof result.ok !== 'boolean') throw new TypeError(`parseCommand answered ${JSON.stringify(result)}`);
        }),
      budget: '2s',
    },
    'tokenizer keeps plain words': {
      property: () =>
        fc.property(fc.array(word, { maxLength: 10 }), (words) => {
          const tokenized = tokenize(normalizeCommandText(words.join(' ')));
          if (!tokenized.ok || tokenized.tokens.map((t) => t.text).join('\u0000') !== words.join('\u0000')) {
            throw new Error(`tokenize changed the words: ${JSON.stringify(tokenized)}`);
          }
        }),
      budget: '1s',
    },
    'samples codec round trip': {
      property: () =>
        fc.property(fc.array(fc.double({ noNaN: true, min: 0, max: 1e12 }), { maxLength: 200 }), (values) => {
          const decoded = decodeSamples(encodeSamples(values));
          if (decoded.length !== values.length) throw new Error(`decoded ${decoded.length} values, encoded ${values.length}`);
          decoded.forEach((v, i) => {
            if (v !== Math.fround(values[i] ?? NaN)) throw new Error(`value ${i}: ${values[i]} came back as ${v}`);
          });
        }),
      budget: '2s',
    },
  },
});
