import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../../src/bot/commands/parse-command.js';

describe('parseCommand: /perflab report', () => {
  it.each([
    ['report', { name: 'report' }],
    ['report all', { name: 'report' }],
    ['report week', { name: 'report', point: 'week' }],
    ['report YEAR json', { name: 'report', point: 'year', pattern: 'json' }],
    ['report previous json/parse 1MB', { name: 'report', point: 'previous', pattern: 'json/parse 1MB' }],
    ['report json/*', { name: 'report', pattern: 'json/*' }],
    // Quoted, a point word is part of a case name.
    ['report "week"', { name: 'report', pattern: 'week' }],
  ])('reads %j', (text, command) => {
    expect(parseCommand(text)).toEqual({ ok: true, command });
  });

  it.each([
    ['report json week', 'give one point in time first'],
    ['report day week', 'give one point in time first'],
    ['report 2025-01-01', 'dates and refs: `perflab report --vs` on the CLI'],
    ['report month @main', 'dates and refs'],
    ['report -rf', 'patterns cannot start with `-`'],
  ])('refuses %j with a reason and the usage line', (text, reason) => {
    const parsed = parseCommand(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.error).toContain(reason);
      expect(parsed.usage).toContain('/perflab report [previous|day|week|month|year]');
    }
  });
});
