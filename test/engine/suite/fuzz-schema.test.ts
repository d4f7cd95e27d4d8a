import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { defineSuite } from '../../../src/engine/suite/define-suite.js';

const property = () => fc.property(fc.integer(), () => true);

describe('defineSuite: fuzz entries', () => {
  it('accepts a property factory with a budget, a size and a per-input timeout', () => {
    const suite = defineSuite({ name: 'ok', fuzz: { 'round trip': { property, budget: '2s', size: 'medium', timeout: 500 } } });
    expect(Object.keys(suite.fuzz ?? {})).toEqual(['round trip']);
  });

  it('names the field when the property is not a function', () => {
    expect(() => defineSuite({ name: 'x', fuzz: { p: { property: fc.property(fc.integer(), () => true) as never } } })).toThrow(
      'invalid suite: fuzz.p.property: expected a function that returns fc.property(…) or fc.asyncProperty(…)',
    );
  });

  it('names the field when a budget is not a duration', () => {
    expect(() => defineSuite({ name: 'x', fuzz: { p: { property, budget: 'abc' } } })).toThrow('invalid suite: fuzz.p.budget: "abc" is not a duration');
  });

  it('names an unknown option', () => {
    expect(() => defineSuite({ name: 'x', fuzz: { p: { property, budgte: '1s' } as never } })).toThrow(/invalid suite: fuzz\.p: .*budgte/);
  });

  it('refuses an unknown size', () => {
    expect(() => defineSuite({ name: 'x', fuzz: { p: { property, size: 'huge' as never } } })).toThrow(/invalid suite: fuzz\.p\.size/);
  });
});
