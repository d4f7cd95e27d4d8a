import { describe, expect, it } from 'vitest';
import { cleanRun, sightFinding } from '../../../src/engine/alert/finding-lifecycle.js';
import type { Finding, FindingReport, Sighting } from '../../../src/engine/model.js';

const report: FindingReport = {
  mode: 'stress',
  caseId: 'http/burst',
  signature: 'p99>200',
  kind: 'threshold-failed',
  title: 'p99 312 ms > 200 ms',
  evidence: 'p99 312 ms',
  detail: { p99: 312 },
  repro: 'perflab stress http/burst',
};
const sighting = (runId: string): Sighting => ({ runId, commit: `c-${runId}`, at: `2026-01-0${runId.slice(1)}T10:00:00.000Z` });

/** The finding as the first sighting in run r1 made it. */
function known(overrides: Partial<Finding> = {}): Finding {
  return { ...report, id: 'f-1', state: 'new', flaky: false, firstSeen: sighting('r1'), lastSeen: sighting('r1'), count: 1, ...overrides };
}

describe('sightFinding', () => {
  it('an unknown signature becomes a new finding, seen once, under the given id', () => {
    const { outcome, finding } = sightFinding(undefined, report, sighting('r1'), 'f-1');

    expect(outcome).toBe('new');
    expect(finding).toEqual(known());
  });

  it('a known finding seen again counts the sighting and keeps its id, first sighting and state', () => {
    const { outcome, finding } = sightFinding(known({ state: 'known' }), report, sighting('r2'), 'f-unused');

    expect(outcome).toBe('seen');
    expect(finding).toMatchObject({ id: 'f-1', state: 'known', count: 2, firstSeen: sighting('r1'), lastSeen: sighting('r2') });
  });

  it('a known finding keeps the report people were first told about', () => {
    const { finding } = sightFinding(known(), { ...report, title: 'p99 250 ms > 200 ms' }, sighting('r2'), 'f-unused');

    expect(finding.title).toBe('p99 312 ms > 200 ms');
  });

  it('a sighting restarts the count of clean runs', () => {
    const { finding } = sightFinding(known({ cleanRuns: 2 }), report, sighting('r4'), 'f-unused');

    expect(finding).not.toHaveProperty('cleanRuns');
  });

  it('a fixed finding seen again is regressed, by perflab, at the sighting, and remembers where it was fixed', () => {
    const fixed = known({ state: 'fixed', fixedIn: sighting('r3'), cleanRuns: 3, stateBy: 'perflab', stateAt: sighting('r3').at });

    const { outcome, finding } = sightFinding(fixed, report, sighting('r5'), 'f-unused');

    expect(outcome).toBe('regressed');
    expect(finding).toMatchObject({ state: 'regressed', stateBy: 'perflab', stateAt: sighting('r5').at, fixedIn: sighting('r3'), count: 2 });
  });

  it('does not change the finding it was given', () => {
    const before = known({ cleanRuns: 1 });
    const copy = structuredClone(before);

    sightFinding(before, report, sighting('r2'), 'f-unused');

    expect(before).toEqual(copy);
  });
});

describe('cleanRun', () => {
  it('counts a clean run without fixing the finding before the threshold', () => {
    expect(cleanRun(known(), sighting('r2'), 3)).toEqual(known({ cleanRuns: 1 }));
  });

  it('the clean run that reaches the threshold fixes the finding at that run, by perflab', () => {
    const finding = cleanRun(known({ cleanRuns: 2 }), sighting('r4'), 3);

    expect(finding).toEqual(known({ cleanRuns: 3, state: 'fixed', fixedIn: sighting('r4'), stateBy: 'perflab', stateAt: sighting('r4').at }));
  });

  it('a threshold of one fixes the finding at its first clean run', () => {
    expect(cleanRun(known(), sighting('r2'), 1).state).toBe('fixed');
  });

  it('a regressed finding is fixed again after enough clean runs', () => {
    expect(cleanRun(known({ state: 'regressed', cleanRuns: 1 }), sighting('r7'), 2)).toMatchObject({ state: 'fixed', fixedIn: sighting('r7') });
  });

  it('a finding already fixed is returned as it is, the same object', () => {
    const fixed = known({ state: 'fixed', cleanRuns: 3, fixedIn: sighting('r4') });

    expect(cleanRun(fixed, sighting('r5'), 3)).toBe(fixed);
  });

  it('does not change the finding it was given', () => {
    const before = known({ cleanRuns: 2 });

    cleanRun(before, sighting('r4'), 3);

    expect(before.cleanRuns).toBe(2);
  });
});
