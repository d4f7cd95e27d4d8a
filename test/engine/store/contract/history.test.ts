import { describe, expect, it } from 'vitest';
import { recordDaily, recordRun } from '../helpers/record-runs.js';
import { makeResult, makeRun } from '../helpers/store-fixtures.js';
import { openFresh, storeKinds } from '../helpers/store-kinds.js';

describe.each(storeKinds)('history ($name)', (kind) => {
  it('recording a run appends one compact entry per case', async () => {
    const store = await openFresh(kind);
    await recordRun(store, makeRun({ id: 'r1' }), { 'parse/json': 100, 'parse/csv': 200 });

    expect(await store.history('parse/json')).toEqual([
      { runId: 'r1', commit: 'c0ffee', machine: 'ci-1', at: '2024-03-07T10:01:00.000Z', state: 'ok', median: 100, cv: 0.01, n: 30, unit: 'ns', verdict: 'unchanged', inWindow: true },
    ]);
    expect((await store.history('parse/csv')).map((entry) => entry.median)).toEqual([200]);
    await store.close();
  });

  it('an errored result leaves an entry without measurements', async () => {
    const store = await openFresh(kind);
    const run = makeRun({ id: 'r1' });
    await store.beginRun(run);
    const errored = makeResult(run, 'parse/json', 0, {
      result: { caseId: 'parse/json', suite: 'parse', name: 'json', mode: 'bench', state: 'errored', error: { code: 'PERFLAB_E_CASE_THREW', message: 'boom' } },
      comparison: undefined,
    });
    await store.recordResults('r1', [errored]);

    expect(await store.history('parse/json')).toEqual([
      { runId: 'r1', commit: 'c0ffee', machine: 'ci-1', at: '2024-03-07T10:01:00.000Z', state: 'errored', inWindow: true },
    ]);
    await store.close();
  });

  it('history reads back after reopening', async () => {
    const place = await kind.place();
    const store = await place.open();
    await recordRun(store, makeRun({ id: 'r1' }), { 'parse/json': 100 });
    await store.close();

    const reopened = await place.open();
    expect((await reopened.history('parse/json')).map((entry) => entry.runId)).toEqual(['r1']);
    await reopened.close();
  });

  it('history returns entries oldest first across month boundaries, whatever the recording order', async () => {
    const store = await openFresh(kind);
    await recordRun(store, makeRun({ id: 'mar', startedAt: '2024-03-01T00:00:00.000Z' }), { 'parse/json': 3 });
    await recordRun(store, makeRun({ id: 'jan', startedAt: '2024-01-31T23:58:00.000Z' }), { 'parse/json': 1 });
    // Started in February, recorded a minute later: in March.
    await recordRun(store, makeRun({ id: 'feb', startedAt: '2024-02-29T23:59:30.000Z' }), { 'parse/json': 2 });

    expect((await store.history('parse/json')).map((entry) => [entry.runId, entry.at])).toEqual([
      ['jan', '2024-01-31T23:59:00.000Z'],
      ['feb', '2024-03-01T00:00:30.000Z'],
      ['mar', '2024-03-01T00:01:00.000Z'],
    ]);
    await store.close();
  });

  it('history with a limit keeps the newest entries, oldest first, across months', async () => {
    const store = await openFresh(kind);
    await recordDaily(store, '2024-01-25T00:00:00.000Z', 14); // Jan 25 … Feb 7

    const entries = await store.history('parse/json', { limit: 10 });

    expect(entries.map((entry) => entry.at.slice(0, 10))).toEqual([
      '2024-01-29', '2024-01-30', '2024-01-31', '2024-02-01', '2024-02-02',
      '2024-02-03', '2024-02-04', '2024-02-05', '2024-02-06', '2024-02-07',
    ]);
    await store.close();
  });

  it('history with limit 0 is empty', async () => {
    const store = await openFresh(kind);
    await recordDaily(store, '2024-01-30T00:00:00.000Z', 2);

    expect(await store.history('parse/json', { limit: 0 })).toEqual([]);
    await store.close();
  });

  it('history filters by machine', async () => {
    const store = await openFresh(kind);
    await recordDaily(store, '2024-01-30T00:00:00.000Z', 3, 'parse/json', 'ci-1');
    await recordDaily(store, '2024-01-30T00:00:00.000Z', 3, 'parse/json', 'arm-2');

    const arm = await store.history('parse/json', { machine: 'arm-2', limit: 2 });

    expect(arm.map((entry) => [entry.machine, entry.at.slice(0, 10)])).toEqual([
      ['arm-2', '2024-01-31'],
      ['arm-2', '2024-02-01'],
    ]);
    expect(await store.history('parse/json', { machine: 'ci-1' })).toHaveLength(3);
    await store.close();
  });

  it('history with a limit and no machine keeps the newest entries of all machines together', async () => {
    const store = await openFresh(kind);
    await recordDaily(store, '2024-01-30T00:00:00.000Z', 3, 'parse/json', 'ci-1');
    await recordDaily(store, '2024-01-31T12:00:00.000Z', 3, 'parse/json', 'arm-2');
    await recordDaily(store, '2024-01-01T00:00:00.000Z', 1, 'parse/json', 'old-box');

    const newest = await store.history('parse/json', { limit: 4 });

    expect(newest.map((entry) => [entry.machine, entry.at.slice(0, 13)])).toEqual([
      ['arm-2', '2024-01-31T12'],
      ['ci-1', '2024-02-01T00'],
      ['arm-2', '2024-02-01T12'],
      ['arm-2', '2024-02-02T12'],
    ]);
    await store.close();
  });

  it('history since excludes entries before that time, in earlier months too', async () => {
    const store = await openFresh(kind);
    await recordDaily(store, '2024-01-29T00:00:00.000Z', 5); // Jan 29 … Feb 2, each at 00:01

    const entries = await store.history('parse/json', { since: '2024-01-31T00:01:00.000Z' });

    expect(entries.map((entry) => entry.at.slice(0, 10))).toEqual(['2024-01-31', '2024-02-01', '2024-02-02']);
    await store.close();
  });

  it('history since accepts a timestamp with an offset', async () => {
    const store = await openFresh(kind);
    await recordDaily(store, '2024-01-31T00:00:00.000Z', 2); // Jan 31 00:01Z, Feb 1 00:01Z

    // 2024-02-01T01:00+02:00 is Jan 31 23:00 UTC.
    const entries = await store.history('parse/json', { since: '2024-02-01T01:00:00+02:00' });

    expect(entries.map((entry) => entry.at)).toEqual(['2024-02-01T00:01:00.000Z']);
    await store.close();
  });

  it('history until excludes entries after that time, in later months too', async () => {
    const store = await openFresh(kind);
    await recordDaily(store, '2024-01-29T00:00:00.000Z', 5); // Jan 29 … Feb 2, each at 00:01

    const entries = await store.history('parse/json', { until: '2024-01-31T00:01:00.000Z' });

    expect(entries.map((entry) => entry.at.slice(0, 10))).toEqual(['2024-01-29', '2024-01-30', '2024-01-31']);
    expect(await store.history('parse/json', { until: '2024-01-29T00:00:59.999Z' })).toEqual([]);
    await store.close();
  });

  it('history between since and until with a limit keeps the newest entries of that span', async () => {
    const store = await openFresh(kind);
    await recordDaily(store, '2024-01-20T00:00:00.000Z', 30); // Jan 20 … Feb 18
    await recordDaily(store, '2024-01-20T12:00:00.000Z', 30, 'parse/json', 'arm-2');

    const entries = await store.history('parse/json', { machine: 'ci-1', since: '2024-01-25T00:00:00.000Z', until: '2024-02-03T00:01:00.000Z', limit: 4 });

    expect(entries.map((entry) => [entry.machine, entry.at.slice(0, 10)])).toEqual([
      ['ci-1', '2024-01-31'], ['ci-1', '2024-02-01'], ['ci-1', '2024-02-02'], ['ci-1', '2024-02-03'],
    ]);
    await store.close();
  });

  it('history with oldest keeps the oldest entries from since on, across months and machines', async () => {
    const store = await openFresh(kind);
    await recordDaily(store, '2024-01-28T00:00:00.000Z', 10); // Jan 28 … Feb 6, 00:01
    await recordDaily(store, '2024-01-30T12:00:00.000Z', 3, 'parse/json', 'arm-2'); // Jan 30 … Feb 1, 12:01

    const any = await store.history('parse/json', { since: '2024-01-30T00:00:00.000Z', limit: 4, oldest: true });
    const ci = await store.history('parse/json', { machine: 'ci-1', since: '2024-01-31T00:01:00.000Z', limit: 3, oldest: true });

    expect(any.map((entry) => [entry.machine, entry.at.slice(0, 13)])).toEqual([
      ['ci-1', '2024-01-30T00'], ['arm-2', '2024-01-30T12'], ['ci-1', '2024-01-31T00'], ['arm-2', '2024-01-31T12'],
    ]);
    expect(ci.map((entry) => entry.at.slice(0, 10))).toEqual(['2024-01-31', '2024-02-01', '2024-02-02']);
    await store.close();
  });

  it('a bounded history read gives the entries a whole read holds there, errored ones included', async () => {
    const store = await openFresh(kind);
    for (let day = 0; day < 40; day++) {
      const startedAt = new Date(Date.parse('2024-01-15T00:00:00.000Z') + day * 86_400_000).toISOString();
      const run = makeRun({ id: `r${day}`, startedAt });
      await store.beginRun(run);
      const ok = makeResult(run, 'parse/json', 100 + day);
      const errored = makeResult(run, 'parse/json', 0, { result: { caseId: 'parse/json', suite: 'parse', name: 'json', mode: 'bench', state: 'errored', error: { code: 'PERFLAB_E_CASE_THREW', message: 'boom' } }, comparison: undefined });
      await store.recordResults(run.id, [day % 7 === 3 ? errored : ok]);
    }
    const whole = await store.history('parse/json');

    const until = '2024-02-10T00:01:00.000Z';
    const before = await store.history('parse/json', { until, limit: 6 });
    const after = await store.history('parse/json', { since: until, limit: 6, oldest: true });

    const upTo = whole.filter((entry) => entry.at <= until);
    expect(before).toEqual(upTo.slice(-6));
    expect(after).toEqual(whole.slice(upTo.length - 1, upTo.length + 5));
    await store.close();
  });

  it('history of a case never recorded is empty', async () => {
    const store = await openFresh(kind);
    await recordDaily(store, '2024-01-30T00:00:00.000Z', 1);

    expect(await store.history('parse/never')).toEqual([]);
    await store.close();
  });

  it('case ids that differ only in case or punctuation keep separate histories', async () => {
    const store = await openFresh(kind);
    await recordRun(store, makeRun({ id: 'r1' }), { 'parse/Json': 1, 'parse/json': 2, 'parse_json/x': 3, 'parse/json/x': 4 });

    expect((await store.history('parse/Json')).map((entry) => entry.median)).toEqual([1]);
    expect((await store.history('parse/json')).map((entry) => entry.median)).toEqual([2]);
    expect((await store.history('parse_json/x')).map((entry) => entry.median)).toEqual([3]);
    expect((await store.history('parse/json/x')).map((entry) => entry.median)).toEqual([4]);
    await store.close();
  });
});
