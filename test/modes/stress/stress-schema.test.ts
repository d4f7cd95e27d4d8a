import { describe, expect, it } from 'vitest';
import { defineSuite } from '../../../src/engine/suite/define-suite.js';

const ok = { target: { url: 'http://127.0.0.1:8080' }, load: { concurrency: 2 } };

function errorOf(stress: Record<string, unknown>): string {
  try {
    defineSuite({ name: 'bad', stress } as never);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected defineSuite to refuse the suite');
}

describe('stress scenarios in defineSuite', () => {
  it('accepts each kind of target and load', () => {
    const suite = defineSuite({
      name: 'good',
      stress: {
        url: ok,
        server: { target: { setup: () => ({ url: 'http://127.0.0.1:1' }) }, load: { rate: 10, rampTo: 100 }, duration: '2s', thresholds: ['p99 < 200ms'] },
        fn: { target: { setup: () => 1, fn: (n: number) => n + 1 }, load: { concurrency: 4 }, ws: { message: 'hi' }, allowHosts: ['10.0.0.5'] },
      },
    });
    expect(Object.keys(suite.stress ?? {})).toEqual(['url', 'server', 'fn']);
  });

  it.each([
    [{ x: { ...ok, thresholds: ['p99 <'] } }, 'stress.x.thresholds.0: cannot read threshold "p99 <"'],
    [{ x: { ...ok, duration: 'soon' } }, 'stress.x.duration: "soon" is not a duration'],
    [{ x: { ...ok, duration: '2h' } }, 'stress.x.duration: 2h is longer than the hour'],
    [{ x: { ...ok, load: { users: 3 } } }, 'stress.x.load: expected { concurrency }'],
    [{ x: { ...ok, target: { host: 'x' } } }, 'stress.x.target: expected { url }'],
    [{ x: { ...ok, target: { url: 'ftp://127.0.0.1' } } }, 'stress.x.target'],
    [{ x: { ...ok, tresholds: [] } }, 'stress.x'],
  ])('names the field of a bad scenario (%#)', (stress, message) => {
    expect(errorOf(stress)).toContain(message);
  });
});
