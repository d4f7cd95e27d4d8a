import { describe, expect, it } from 'vitest';
import { makeBaseline } from '../helpers/store-fixtures.js';
import { openFresh, storeKinds } from '../helpers/store-kinds.js';

describe.each(storeKinds)('baselines ($name)', (kind) => {
  it('an accepted baseline reads back after reopening', async () => {
    const place = await kind.place();
    const store = await place.open();
    await store.acceptBaseline(makeBaseline());
    await store.close();

    const reopened = await place.open();
    expect((await reopened.getBaseline('parse/json', 'ci-1'))).toEqual(makeBaseline());
    await reopened.close();
  });

  it('the run medians a baseline was accepted from read back after reopening, and a baseline without them has none', async () => {
    const place = await kind.place();
    const store = await place.open();
    await store.acceptBaseline(makeBaseline({ median: 101.5, runMedians: [101.5, 99.25, 103.125] }));
    await store.acceptBaseline(makeBaseline({ caseId: 'parse/csv' }));
    await store.close();

    const reopened = await place.open();
    expect((await reopened.getBaseline('parse/json', 'ci-1'))?.runMedians).toEqual([101.5, 99.25, 103.125]);
    expect(await reopened.getBaseline('parse/csv', 'ci-1')).not.toHaveProperty('runMedians');
    await reopened.close();
  });

  it('a case without an accepted baseline has none', async () => {
    const store = await openFresh(kind);
    await store.acceptBaseline(makeBaseline({ machine: 'ci-1' }));

    expect((await store.getBaseline('parse/json', 'arm-2'))).toBeUndefined();
    expect((await store.getBaseline('parse/csv', 'ci-1'))).toBeUndefined();
    await store.close();
  });

  it('accepting a new baseline replaces the current one and keeps the previous ones in order', async () => {
    const place = await kind.place();
    const store = await place.open();
    await store.acceptBaseline(makeBaseline({ runId: 'r1', median: 100 }));
    await store.acceptBaseline(makeBaseline({ runId: 'r2', median: 120 }));
    await store.acceptBaseline(makeBaseline({ runId: 'r3', median: 90 }));
    await store.close();

    const reopened = await place.open();
    expect((await reopened.getBaseline('parse/json', 'ci-1'))?.runId).toBe('r3');
    expect((await reopened.baselineHistory('parse/json', 'ci-1')).map((b) => b.runId)).toEqual(['r1', 'r2', 'r3']);
    expect((await reopened.listBaselines())).toHaveLength(1);
    await reopened.close();
  });

  it('baselines are kept per case and machine', async () => {
    const store = await openFresh(kind);
    await store.acceptBaseline(makeBaseline({ machine: 'ci-1', median: 1 }));
    await store.acceptBaseline(makeBaseline({ machine: 'arm-2', median: 2 }));
    await store.acceptBaseline(makeBaseline({ caseId: 'parse/csv', machine: 'arm-2', median: 3 }));

    expect((await store.getBaseline('parse/json', 'ci-1'))?.median).toBe(1);
    expect((await store.baselineHistory('parse/json', 'arm-2')).map((b) => b.median)).toEqual([2]);
    expect((await store.listBaselines('arm-2')).map((b) => b.median)).toEqual([2, 3]);
    await store.close();
  });

  it('accepting a baseline is audited with who, case, machine, run and reason', async () => {
    const place = await kind.place();
    const store = await place.open();
    await store.acceptBaseline(makeBaseline({ acceptedBy: 'slack:U42', runId: 'r7', reason: 'new parser' }));
    await store.close();

    const reopened = await place.open();
    expect((await reopened.listAudit())).toEqual([
      {
        at: expect.any(String) as string,
        actor: 'slack:U42',
        action: 'baseline.accept',
        args: { caseId: 'parse/json', machine: 'ci-1', runId: 'r7', reason: 'new parser' },
      },
    ]);
    await reopened.close();
  });
});
