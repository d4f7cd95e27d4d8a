import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../../src/bot/commands/parse-command.js';

describe('parseCommand: /perflab stress', () => {
  it.each([
    ['stress http', { name: 'stress', pattern: 'http' }],
    ['stress all 30s', { name: 'stress', pattern: 'all', durationMs: 30_000 }],
    ['stress http/* 2m', { name: 'stress', pattern: 'http/*', durationMs: 120_000 }],
    ['stress "ws/echo 500" 1.5s', { name: 'stress', pattern: 'ws/echo 500', durationMs: 1500 }],
    // A word that only looks numeric belongs to the case name.
    ['stress json/parse 1MB', { name: 'stress', pattern: 'json/parse 1MB' }],
    ['stress "30s"', { name: 'stress', pattern: '30s' }],
  ])('reads %j', (text, command) => {
    expect(parseCommand(text)).toEqual({ ok: true, command });
  });

  it.each([
    ['stress', 'needs what to stress'],
    ['stress 30s', 'needs what to stress'],
    ['stress http 2h', 'too long'],
    ['stress http 10ms', 'too short'],
  ])('refuses %j with a reason and the usage line', (text, reason) => {
    const parsed = parseCommand(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.error).toContain(reason);
      expect(parsed.usage).toContain('/perflab stress');
    }
  });
});
