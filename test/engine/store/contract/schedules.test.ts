import { describe, expect, it } from 'vitest';
import type { Schedule } from '../../../../src/engine/model.js';
import { openFresh, storeKinds } from '../helpers/store-kinds.js';

function schedule(id: string, overrides: Partial<Schedule> = {}): Schedule {
  return { id, cron: '0 3 * * *', timezone: 'Europe/Paris', pattern: 'json/*', mode: 'bench', createdBy: 'slack:U1', createdAt: '2024-03-07T10:00:00.000Z', source: 'store', ...overrides };
}

describe.each(storeKinds)('schedules ($name)', (kind) => {
  it('added schedules read back in the order they were added, after reopening', async () => {
    const place = await kind.place();
    const store = await place.open();
    await store.addSchedule(schedule('nightly'));
    await store.addSchedule(schedule('hourly', { cron: '0 * * * *', mode: 'stress', source: 'config' }));
    await store.addSchedule(schedule('monday', { cron: '0 9 * * 1', pattern: 'all', mode: 'digest' }));
    await store.close();

    const reopened = await place.open();
    expect(await reopened.listSchedules()).toEqual([schedule('nightly'), schedule('hourly', { cron: '0 * * * *', mode: 'stress', source: 'config' }), schedule('monday', { cron: '0 9 * * 1', pattern: 'all', mode: 'digest' })]);
    await reopened.close();
  });

  it('adding a schedule with an existing id fails and keeps the first', async () => {
    const store = await openFresh(kind);
    await store.addSchedule(schedule('nightly'));

    await expect(store.addSchedule(schedule('nightly', { cron: '5 4 * * *' }))).rejects.toThrow(/already exists/);
    expect((await store.listSchedules()).map((s) => s.cron)).toEqual(['0 3 * * *']);
    await store.close();
  });

  it('removing a schedule returns it, and removing an unknown one returns undefined', async () => {
    const store = await openFresh(kind);
    await store.addSchedule(schedule('nightly'));
    await store.addSchedule(schedule('hourly'));

    expect(await store.removeSchedule('nightly')).toEqual(schedule('nightly'));
    expect(await store.removeSchedule('nightly')).toBeUndefined();
    expect((await store.listSchedules()).map((s) => s.id)).toEqual(['hourly']);
    await store.close();
  });
});
