import { describe, expect, it } from 'vitest';
import { openFresh, storeKinds } from '../helpers/store-kinds.js';

describe.each(storeKinds)('watch cursors ($name)', (kind) => {
  it('a cursor reads back after reopening, per repository and branch', async () => {
    const place = await kind.place();
    const store = await place.open();
    await store.setCursor({ repo: 'https://git.example/app.git', branch: 'main', commit: 'a1', at: '2024-03-07T10:00:00.000Z' });
    await store.setCursor({ repo: 'https://git.example/app.git', branch: 'next', commit: 'b1', at: '2024-03-07T10:00:00.000Z' });
    await store.close();

    const reopened = await place.open();
    expect(await reopened.getCursor('https://git.example/app.git', 'main')).toEqual({ repo: 'https://git.example/app.git', branch: 'main', commit: 'a1', at: '2024-03-07T10:00:00.000Z' });
    expect((await reopened.getCursor('https://git.example/app.git', 'next'))?.commit).toBe('b1');
    expect(await reopened.getCursor('https://git.example/other.git', 'main')).toBeUndefined();
    await reopened.close();
  });

  it('setting a cursor again moves it', async () => {
    const store = await openFresh(kind);
    await store.setCursor({ repo: 'r', branch: 'main', commit: 'a1', at: '2024-03-07T10:00:00.000Z' });

    await store.setCursor({ repo: 'r', branch: 'main', commit: 'a2', at: '2024-03-07T11:00:00.000Z' });

    expect(await store.getCursor('r', 'main')).toEqual({ repo: 'r', branch: 'main', commit: 'a2', at: '2024-03-07T11:00:00.000Z' });
    await store.close();
  });
});
