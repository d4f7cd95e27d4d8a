// `perflab fuzz` and `perflab findings` as a user runs them: a real process,
// the fixture suites, a real store on disk.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/perflab.js', import.meta.url));
const MIXED = fileURLToPath(new URL('../fixtures/fuzz/mixed', import.meta.url));

let dir: string;
const env = () => ({ ...process.env, PERFLAB_STORE: join(dir, 'store'), PERFLAB_MACHINE: 'cli-test', NO_COLOR: '1' });

function perflab(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8', env: env() });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const fuzz = (...args: string[]) => perflab('fuzz', '--suites', MIXED, '--workers', '1', '--quiet', ...args);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'perflab-fuzz-cli-'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('perflab fuzz', () => {
  it('exits 1 on a new finding and prints it with its repro line', () => {
    const r = fuzz('mixed/planted', '--budget', '1s');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/NEW f-\w+ mixed\/planted — TypeError: bad input "x" at 1/);
    expect(r.stdout).toMatch(/reproduce: perflab fuzz mixed\/planted --seed \d+ --path [\d:]+/);
  });

  it('exits 0 when it finds only what it found before, and says so', () => {
    const r = fuzz('mixed/planted', '--budget', '1s');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/SEEN BEFORE \(new\) f-\w+ mixed\/planted/);
    expect(r.stdout).not.toMatch(/NEW f-/);
  });

  it('lists the finding, counted once per sighting', () => {
    const r = perflab('findings', '--json');
    expect(r.code).toBe(0);
    const { findings } = JSON.parse(r.stdout);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ caseId: 'mixed/planted', state: 'new', count: 2 });
    expect(perflab('findings', '--state', 'fixed').stdout).toContain('No findings in state fixed.');
  });

  it('replays a finding by id: exit 1 while it still fails', () => {
    const [finding] = JSON.parse(perflab('findings', '--json').stdout).findings;
    const r = fuzz('--replay', finding.id);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('reproduces: TypeError: bad input "x" at 1');
    expect(r.stdout).toContain('counterexample: ["x"]');
  });

  it('replays an input given by seed and path: exit 0 when it passes', () => {
    const r = fuzz('mixed/passes', '--seed', '7', '--path', '3');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('does not reproduce');
  });

  it('exits 2 naming the flag when the budget is not a duration', () => {
    const r = fuzz('--budget', 'abc');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("option '--budget <time>' argument 'abc' is invalid");
  });

  it('exits 2 naming the property whose factory throws', () => {
    const r = fuzz('mixed/throws', '--budget', '1s');
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('building the property threw Error: boom at build');
  });

  it('lends perflab\'s fast-check to suites in a repository without one (ES module and CommonJS)', () => {
    const suite = `import fc from 'fast-check';\nimport { defineSuite } from 'perflab';\nexport default defineSuite({ name: 'lent', fuzz: { ok: { property: () => fc.property(fc.nat(), (n) => n >= 0) } } });\n`;
    for (const kind of ['esm', 'cjs']) {
      const suites = join(dir, `elsewhere-${kind}`, 'suites');
      mkdirSync(suites, { recursive: true });
      if (kind === 'esm') writeFileSync(join(dir, `elsewhere-${kind}`, 'package.json'), '{ "type": "module" }\n');
      writeFileSync(join(suites, 'lent.ts'), suite);
      const r = perflab('fuzz', '--suites', suites, '--workers', '1', '--budget', '300ms', '--quiet');
      expect(r.stdout).toMatch(/lent\/ok .* passed/);
      expect(r.code).toBe(0);
    }
  });

  it('exits 2 for an unknown finding id', () => {
    const r = fuzz('--replay', 'f-nope');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no fuzz finding "f-nope"');
  });

  it('stops on Ctrl-C, records the run, and exits 130', async () => {
    const child = spawn(process.execPath, [BIN, 'fuzz', 'mixed/passes', '--suites', MIXED, '--workers', '1', '--budget', '60s'], { cwd: dir, env: env() });
    let stdout = '';
    let stderr = '';
    let interrupted = false;
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      // Interrupt once the run is under way (its seeds are stored by then).
      if (stderr.includes('1 property to fuzz') && !interrupted) {
        interrupted = true;
        setTimeout(() => child.kill('SIGINT'), 500);
      }
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(stderr).toContain('stopping: recording what was found');
    expect(code).toBe(130);
    expect(stdout).toMatch(/mixed\/passes .* cancelled/);
  }, 60_000);
});
