import { describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../../../src/engine/model.js';
import { openFresh, storeKinds } from '../helpers/store-kinds.js';

function event(at: string, action = 'alert.dismiss'): AuditEvent {
  return { at, actor: 'cli:alice', action, args: { alertId: 'a1' } };
}

describe.each(storeKinds)('audit ($name)', (kind) => {
  it('audit events read back newest first, across months, after reopening', async () => {
    const place = await kind.place();
    const store = await place.open();
    await store.audit(event('2024-02-28T10:00:00.000Z', 'first'));
    await store.audit(event('2024-03-01T10:00:00.000Z', 'third'));
    await store.audit(event('2024-02-29T10:00:00.000Z', 'second'));
    await store.close();

    const reopened = await place.open();
    expect((await reopened.listAudit()).map((e) => e.action)).toEqual(['third', 'second', 'first']);
    await reopened.close();
  });

  it('listAudit with a limit returns the newest events', async () => {
    const store = await openFresh(kind);
    for (let day = 1; day <= 5; day++) await store.audit(event(`2024-03-0${day}T10:00:00.000Z`, `day ${day}`));

    expect((await store.listAudit({ limit: 2 })).map((e) => e.action)).toEqual(['day 5', 'day 4']);
    await store.close();
  });
});
