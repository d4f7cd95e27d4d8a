import { describe, expect, it } from 'vitest';
import { DEFAULT_VS_POINTS, parseVsPoint, VsPointParseError, vsPointLabel } from '../../../src/engine/report/vs-point.js';

const DAY = 86_400_000;

describe('parseVsPoint', () => {
  it('reads `previous` as the run before the latest', () => {
    expect(parseVsPoint('previous')).toEqual({ kind: 'previous' });
  });

  it.each([
    ['day', DAY],
    ['week', 7 * DAY],
    ['month', 30 * DAY],
    ['year', 365 * DAY],
  ])('reads `%s` as a fixed time ago', (text, ms) => {
    expect(parseVsPoint(text)).toEqual({ kind: 'ago', label: text, ms });
  });

  it('reads a bare ISO date as the end of that UTC day, so that day’s runs count', () => {
    expect(parseVsPoint('2025-03-01')).toEqual({ kind: 'date', at: '2025-03-01T23:59:59.999Z', label: '2025-03-01' });
  });

  it.each([
    ['2025-03-01T12:00Z', '2025-03-01T12:00:00.000Z'],
    ['2025-03-01T12:00', '2025-03-01T12:00:00.000Z'],
    ['2025-03-01T12:00:30.5+01:00', '2025-03-01T11:00:30.500Z'],
  ])('reads the date-time %s as the instant %s (UTC unless an offset is given)', (text, at) => {
    expect(parseVsPoint(text)).toEqual({ kind: 'date', at, label: text });
  });

  it.each(['main', 'v1.2.0', 'origin/release-2', 'HEAD~3', 'a1b2c3d'])('reads %s as a git ref for the caller to resolve', (text) => {
    expect(parseVsPoint(text)).toEqual({ kind: 'ref', ref: text });
  });

  it.each(['', '   ', 'last week', 'main\n', '-v', '--exec=x'])('rejects %j naming every accepted form', (text) => {
    const parse = () => parseVsPoint(text);
    expect(parse).toThrow(VsPointParseError);
    expect(parse).toThrow(/previous, day, week, month, year, an ISO date .* or a git ref/);
  });

  it.each(['2025-02-30', '2025-13-01', '2025-03-01T25:00Z', '2025-03-01Tnoon'])('rejects %s, which looks like a date but is none', (text) => {
    expect(() => parseVsPoint(text)).toThrow(/date/);
  });
});

describe('DEFAULT_VS_POINTS', () => {
  it('are previous, day, week, month and year, in that order', () => {
    expect(DEFAULT_VS_POINTS.map(vsPointLabel)).toEqual(['previous', 'day', 'week', 'month', 'year']);
  });
});

describe('vsPointLabel', () => {
  it('names a resolved commit by its ref when it has one, else by its short SHA', () => {
    const commit = 'a'.repeat(40);
    expect(vsPointLabel({ kind: 'commit', commit, ref: 'main' })).toBe('main');
    expect(vsPointLabel({ kind: 'commit', commit })).toBe('a'.repeat(12));
  });
});
