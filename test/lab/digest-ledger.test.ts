// The record that keeps a digest from being posted twice, on a real store.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/engine/store/store.js';
import { DIGEST_POSTED, findPostedDigest } from '../../src/lab/digest-ledger.js';
import { useTempStore } from '../helpers/temp-store.js';

const temp = useTempStore('perflab-ledger-');
let store: Store;

beforeEach(() => {
  store = temp.store;
});

const TICK = '2026-12-07T09:00:00.000Z';
const at = (minutes: number) => new Date(Date.parse(TICK) + minutes * 60_000).toISOString();

describe('findPostedDigest', () => {
  it('finds the posted digest behind more newer audit events than one read returns', async () => {
    await store.audit({ at: at(1), actor: 'schedule:s-1', action: DIGEST_POSTED, args: { key: 'digest all 2026-12-07T09:00Z', channel: 'C1', ts: '1.2' } });
    for (let i = 0; i < 600; i++) await store.audit({ at: at(2 + i / 100), actor: 'git', action: 'job.submit', args: { jobId: `j-${i}` } });

    const found = await findPostedDigest(store, 'digest all 2026-12-07T09:00Z', TICK);

    expect(found?.args).toMatchObject({ channel: 'C1', ts: '1.2' });
  });

  it("finds nothing for next week's tick", async () => {
    await store.audit({ at: at(1), actor: 'schedule:s-1', action: DIGEST_POSTED, args: { key: 'digest all 2026-12-07T09:00Z' } });

    expect(await findPostedDigest(store, 'digest all 2026-12-14T09:00Z', '2026-12-14T09:00:00.000Z')).toBeUndefined();
  });
});
