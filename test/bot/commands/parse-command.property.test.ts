import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCommand, type ParseResult, type Subcommand } from '../../../src/bot/commands/parse-command.js';

const KEYWORDS = ['run', 'status', 'history', 'baseline', 'compare', 'cancel', 'help', 'RUN', 'Compare'];
const JUNK = ['@main', '@', '@-x', '-', '--', '--upload-pack=touch /tmp/x', '..', '/', '"', "'", '“', '”', '‘', '’', '&amp;', '&lt;', '&gt;', '&', '<!channel>', '`', '\u0000', '\n', '\t', '\u00a0', '\u2028', '\ud800', 'json/parse 1MB', 'all', '~', '^', '*'];

/** Texts from all over: raw unicode, keyword/junk mixes, and far too long. */
const anyText = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 300 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 100 }) },
  {
    weight: 4,
    arbitrary: fc
      .array(fc.oneof(fc.constantFrom(...KEYWORDS, ...JUNK), fc.string({ unit: 'binary', maxLength: 12 }), fc.constantFrom(' ', '  ', '\t')), { maxLength: 24 })
      .map((parts) => parts.join('')),
  },
  {
    // A real subcommand first, then words of junk: reaches the argument checks, not just "I don't know".
    weight: 4,
    arbitrary: fc
      .tuple(
        fc.constantFrom(...KEYWORDS),
        fc.array(fc.oneof(fc.constantFrom(...JUNK), fc.stringMatching(/^[@-]?[A-Za-z0-9_./~^-]{1,12}$/), fc.string({ unit: 'binary', maxLength: 6 })), { maxLength: 5 }),
      )
      .map(([keyword, words]) => [keyword, ...words].join(' ')),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom(...KEYWORDS), fc.string({ unit: 'binary', minLength: 1, maxLength: 8 }), fc.integer({ min: 3900, max: 5200 }))
      .map(([keyword, piece, length]) => `${keyword} ${piece.repeat(Math.ceil(length / piece.length)).slice(0, length)}`),
  },
);

function expectWellFormed(result: ParseResult): void {
  if (!result.ok) {
    expect(typeof result.error).toBe('string');
    expect(result.error.length).toBeGreaterThan(0);
    expect(result.error.length).toBeLessThanOrEqual(300);
    expect(typeof result.usage).toBe('string');
    expect(result.usage.length).toBeGreaterThan(0);
    return;
  }
  const c = result.command;
  switch (c.name) {
    case 'help':
    case 'status':
      expect(Object.keys(c)).toEqual(['name']);
      break;
    case 'run':
      expect(c.pattern.length).toBeGreaterThan(0);
      expect(c.pattern.startsWith('-')).toBe(false);
      if (c.ref !== undefined) expect(c.ref.startsWith('-')).toBe(false);
      break;
    case 'compare':
      expect(c.refA.startsWith('-')).toBe(false);
      expect(c.refB.startsWith('-')).toBe(false);
      if (c.pattern !== undefined) expect(c.pattern.startsWith('-')).toBe(false);
      break;
    case 'history':
    case 'baseline':
      expect(c.caseId).toMatch(/^[^/\s]+\/.+$/s);
      break;
    case 'cancel':
      expect(c.jobId).toMatch(/^[A-Za-z0-9_-]+$/);
      break;
  }
}

describe('parseCommand on any text', () => {
  it('never throws, and always answers a well-formed result', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expectWellFormed(parseCommand(text));
      }),
      { numRuns: 8000 },
    );
  });
});

// Valid commands, written back as a person (or Slack) would send them.
const word = fc.stringMatching(/^[A-Za-z0-9_][A-Za-z0-9_+#%=,-]{0,10}$/);
const refPart = fc.tuple(word, fc.array(word, { maxLength: 2 })).map(([head, dots]) => [head, ...dots].join('.'));
const ref = fc
  .tuple(fc.array(refPart, { minLength: 1, maxLength: 3 }), fc.constantFrom('', '', '~1', '^', '~2^'))
  .map(([parts, suffix]) => `${parts.join('/')}${suffix}`)
  .filter((r) => !r.endsWith('.lock') && r !== '@');
const caseName = fc
  .string({ unit: 'grapheme', minLength: 1, maxLength: 40 })
  // Parsed words never contain smart quotes (they become quotes), control characters, or both kinds of quote.
  // eslint-disable-next-line no-control-regex -- excluding control characters is the point
  .filter((s) => s === s.trim() && s.length > 0 && !/[\u0000-\u001F\u007F\u2028\u2029“”„‘’‚]/.test(s) && !(s.includes('"') && s.includes("'")));
const suite = fc.stringMatching(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,10}$/);
const caseId = fc.tuple(suite, caseName).map(([s, n]) => `${s}/${n}`);
const pattern = fc
  .oneof(fc.constant('all'), suite, caseId, suite.map((s) => `${s}/*`))
  .filter((p) => p.length <= 200 && !p.startsWith('-') && (p === 'all' || p.toLowerCase() !== 'all'));
const jobId = fc.stringMatching(/^[A-Za-z0-9_-]{1,32}$/);

const validCommand: fc.Arbitrary<Subcommand> = fc.oneof(
  fc.constant({ name: 'help' as const }),
  fc.constant({ name: 'status' as const }),
  fc.tuple(pattern, fc.option(ref, { nil: undefined })).map(([p, r]) => (r === undefined ? { name: 'run' as const, pattern: p } : { name: 'run' as const, pattern: p, ref: r })),
  caseId.map((id) => ({ name: 'history' as const, caseId: id })),
  caseId.map((id) => ({ name: 'baseline' as const, caseId: id })),
  fc
    .tuple(ref, ref, fc.option(pattern, { nil: undefined }))
    .map(([refA, refB, p]) => (p === undefined ? { name: 'compare' as const, refA, refB } : { name: 'compare' as const, refA, refB, pattern: p })),
  jobId.map((id) => ({ name: 'cancel' as const, jobId: id })),
  fc.constant({ name: 'schedule' as const, action: 'list' as const }),
  fc
    .tuple(fc.constantFrom('0 3 * * *', '*/5 * * * *', '0 0 * * 1-5', '*/10 * * * * *'), pattern, fc.constantFrom('bench' as const, 'stress' as const, 'fuzz' as const))
    .map(([cron, p, mode]) => ({ name: 'schedule' as const, action: 'add' as const, cron, pattern: p, mode })),
  fc.stringMatching(/^s-[0-9a-f]{6}$/).map((id) => ({ name: 'schedule' as const, action: 'remove' as const, id })),
);

/** Quotes a word only when it has to be, and escapes `&<>` as Slack does. */
function formatCommand(command: Subcommand, sep: string): string {
  const q = (value: string): string => {
    if (!/[\s"']/.test(value) && !value.startsWith('@') && value.length > 0) return value;
    return value.includes('"') ? `'${value}'` : `"${value}"`;
  };
  const parts: string[] = [command.name];
  switch (command.name) {
    case 'run':
      parts.push(q(command.pattern));
      if (command.ref !== undefined) parts.push(`@${command.ref}`);
      break;
    case 'history':
    case 'baseline':
      parts.push(q(command.caseId));
      break;
    case 'compare':
      parts.push(command.refA, `@${command.refB}`);
      if (command.pattern !== undefined) parts.push(q(command.pattern));
      break;
    case 'cancel':
      parts.push(command.jobId);
      break;
    case 'schedule':
      parts.push(command.action);
      if (command.action === 'add') parts.push(`"${command.cron}"`, q(command.pattern), command.mode);
      if (command.action === 'remove') parts.push(command.id);
      break;
    case 'help':
    case 'status':
      break;
  }
  return parts.join(sep).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

describe('parseCommand round trip', () => {
  it('parses a formatted valid command back to the same command', () => {
    fc.assert(
      fc.property(validCommand, fc.constantFrom(' ', '  ', ' \t ', '\n'), (command, sep) => {
        expect(parseCommand(formatCommand(command, sep))).toEqual({ ok: true, command });
      }),
      { numRuns: 3000 },
    );
  });
});
