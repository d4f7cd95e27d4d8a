import { describe, expect, it } from 'vitest';
import { defineSuite, isSuite } from '../../../src/engine/suite/define-suite.js';
import { caseFilter } from '../../../src/engine/suite/case-filter.js';

function invalid(definition: unknown): string {
  try {
    defineSuite(definition as Parameters<typeof defineSuite>[0]);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected defineSuite to throw');
}

describe('defineSuite', () => {
  it('returns a branded suite that isSuite recognises', () => {
    const suite = defineSuite({ name: 'ok', bench: { a: { fn: () => 1 }, b: { command: ['true'] } } });
    expect(isSuite(suite)).toBe(true);
    expect(isSuite({ name: 'ok', bench: {} })).toBe(false);
  });

  it('names the field of a misspelt option', () => {
    expect(invalid({ name: 'x', bench: { a: { fn: () => 1, timeBudget: 5 } } })).toMatch(/bench\.a.*timeBudget/);
  });

  it('names the field of a wrong type', () => {
    expect(invalid({ name: 'x', bench: { a: { fn: () => 1, minSamples: 'many' } } })).toMatch(/bench\.a/);
  });

  it('rejects a case that has neither fn nor command', () => {
    expect(invalid({ name: 'x', bench: { a: { setup: () => 1 } } })).toContain('bench.a');
  });

  it('rejects a suite name that cannot be part of a case id', () => {
    expect(invalid({ name: 'has space', bench: {} })).toContain('name');
    expect(invalid({ name: 'x', bench: { 'a/b': { fn: () => 1 } } })).toContain('cannot contain "/"');
  });

  it('rejects unknown top-level keys', () => {
    expect(invalid({ name: 'x', benches: {} })).toContain('benches');
  });
});

describe('caseFilter', () => {
  it('matches everything without a pattern or with "all"', () => {
    expect(caseFilter(undefined)('json/parse')).toBe(true);
    expect(caseFilter('all')('json/parse')).toBe(true);
  });

  it('treats a pattern with glob characters as a glob over case ids', () => {
    const f = caseFilter('json/*');
    expect(f('json/parse 1MB')).toBe(true);
    expect(f('tls/json')).toBe(false);
  });

  it('treats a plain pattern as a case-insensitive substring', () => {
    const f = caseFilter('PARSE');
    expect(f('json/parse 1MB')).toBe(true);
    expect(f('json/stringify')).toBe(false);
  });
});
