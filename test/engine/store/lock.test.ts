import { spawnSync } from 'node:child_process';
import { access, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { ErrorCode } from '../../../src/engine/errors.js';
import { openStore } from '../../../src/engine/store/open-store.js';
import { spawnFixture, stdoutLines, waitForExit, waitForLine } from './helpers/child.js';
import { makeRun, tempDir } from './helpers/store-fixtures.js';

/** The pid of a process that has already exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

describe('store lock', () => {
  it('a second open in the same process fails with StoreLocked naming the directory and pid', async () => {
    const dir = await tempDir();
    const store = await openStore(dir);

    const second = openStore(dir);

    await expect(second).rejects.toMatchObject({ code: ErrorCode.StoreLocked });
    await expect(second).rejects.toThrow(`store ${dir} is in use by perflab process ${process.pid}; stop it or use --store to pick another directory`);
    await store.close();
  });

  it('a second open from another process fails with StoreLocked naming that process', async () => {
    const dir = await tempDir();
    const child = spawnFixture('hold-store.ts', [dir]);
    onTestFinished(async () => {
      child.kill('SIGKILL');
      await waitForExit(child);
    });
    await waitForLine(child, stdoutLines(child), 'ready');

    await expect(openStore(dir)).rejects.toMatchObject({
      code: ErrorCode.StoreLocked,
      message: expect.stringContaining(`perflab process ${child.pid}`) as string,
    });
  });

  it('the store opens once the other process has closed it', async () => {
    const dir = await tempDir();
    const child = spawnFixture('hold-store.ts', [dir]);
    await waitForLine(child, stdoutLines(child), 'ready');

    child.stdin?.end();
    await waitForExit(child);

    const store = await openStore(dir);
    await store.close();
  });

  it('a lock left by a dead process is taken over', async () => {
    const dir = await tempDir();
    const store = await openStore(dir);
    await store.beginRun(makeRun());
    await store.close();
    await writeFile(join(dir, 'lock'), `${deadPid()}\n`);

    const reopened = await openStore(dir);

    expect(await readFile(join(dir, 'lock'), 'utf8')).toBe(`${process.pid}\n`);
    expect((await reopened.getRun('run-1'))).toBeDefined();
    await reopened.close();
  });

  it('a lock left by a process killed with SIGKILL is taken over at once', async () => {
    const dir = await tempDir();
    const child = spawnFixture('hold-store.ts', [dir]);
    await waitForLine(child, stdoutLines(child), 'ready');

    child.kill('SIGKILL');
    await waitForExit(child);

    const store = await openStore(dir);
    await store.close();
  });

  it("a lock naming this process's own pid, left by an earlier process with the same pid, is taken over", async () => {
    // As after a container restart, where perflab gets the same pid again.
    const dir = await tempDir();
    await writeFile(join(dir, 'lock'), `${process.pid}\n`);

    const store = await openStore(dir);
    await store.close();
  });

  it('a second open of the same directory through a symlink fails with StoreLocked', async () => {
    const dir = await tempDir();
    const link = join(await tempDir(), 'link');
    await symlink(dir, link);
    const store = await openStore(dir);

    await expect(openStore(link)).rejects.toMatchObject({ code: ErrorCode.StoreLocked });
    await store.close();
  });

  it('a lock file that holds no pid is taken over', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'lock'), '');

    const store = await openStore(dir);
    await store.close();
  });

  it('close removes the lock file', async () => {
    const dir = await tempDir();
    const store = await openStore(dir);

    await store.close();

    await expect(access(join(dir, 'lock'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('of two opens started together in one process exactly one succeeds', async () => {
    const dir = await tempDir();

    const results = await Promise.allSettled([openStore(dir), openStore(dir)]);

    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: ErrorCode.StoreLocked } });
    for (const r of results) if (r.status === 'fulfilled') await r.value.close();
  });
});
