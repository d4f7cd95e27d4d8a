import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../../src/bot/commands/parse-command.js';

describe('parseCommand: fuzz', () => {
  it('reads a pattern alone', () => {
    expect(parseCommand('fuzz url')).toEqual({ ok: true, command: { name: 'fuzz', pattern: 'url' } });
  });

  it('reads a budget after the pattern', () => {
    expect(parseCommand('fuzz "codec/round trip" 2m')).toEqual({ ok: true, command: { name: 'fuzz', pattern: 'codec/round trip', budgetMs: 120_000 } });
  });

  it('keeps a quoted duration-looking word as part of the pattern', () => {
    expect(parseCommand('fuzz url "30s"')).toEqual({ ok: true, command: { name: 'fuzz', pattern: 'url 30s' } });
  });

  it('asks for a pattern when there is none', () => {
    const result = parseCommand('fuzz');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.usage).toContain('/perflab fuzz');
  });

  it('refuses budgets under a second and over an hour', () => {
    for (const text of ['fuzz url 10ms', 'fuzz url 2h']) {
      const result = parseCommand(text);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error).toMatch(/too (short|long)/);
    }
  });
});
