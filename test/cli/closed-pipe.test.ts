// `perflab … | head`: the reader closes the pipe before perflab is done
// writing. perflab ends at once with 141 (128 + SIGPIPE), and says nothing.
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/perflab.js', import.meta.url));

/** Runs perflab with its stdout a pipe whose reading end is already closed; its exit code and what it wrote to stderr. */
async function intoClosedPipe(...args: string[]): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  child.stdout.destroy(); // closed before perflab has started, so its first write fails with EPIPE
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  const [code] = (await once(child, 'close')) as [number | null];
  return { code, stderr };
}

describe('perflab writing into a pipe closed early', () => {
  it('exits 141 without a message or a stack', async () => {
    const r = await intoClosedPipe('help', 'report');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(141);
  });

  it('under `| head -3` in a shell, prints three lines and no error (0 if it wrote all before head left, else 141)', () => {
    const r = spawnSync('bash', ['-c', 'set -o pipefail; "$0" "$1" help report | head -3', process.execPath, BIN], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n').slice(0, 3)).toEqual(['Usage: perflab report [options]', '', expect.stringContaining('latest results')]);
    expect([0, 141]).toContain(r.status);
  });
});
