// Child processes for the lock and kill tests, run the way perflab runs:
// `node --import tsx <script>`.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';

export function fixture(name: string): string {
  return fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
}

export function spawnFixture(name: string, args: string[]): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', fixture(name), ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
}

/**
 * The fixture bundled into one plain JavaScript file (packages stay imports),
 * for tests that start it dozens of times: node loads it in a fraction of what
 * tsx takes to load the TypeScript modules one by one on a busy machine.
 */
export async function bundleFixture(name: string): Promise<string> {
  // Under node_modules, so that the packages it imports resolve from there.
  const outfile = fileURLToPath(new URL(`../../../../node_modules/.cache/perflab-tests/${name.replace(/\.ts$/, '')}-${process.pid}.mjs`, import.meta.url));
  await build({ entryPoints: [fixture(name)], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'error', plugins: [keepModuleUrls] });
  return outfile;
}

/** Each module keeps its own `import.meta.url` (the PostgreSQL store finds its migrations beside its source). */
const keepModuleUrls: Plugin = {
  name: 'keep-module-urls',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, async (args) => ({
      contents: (await readFile(args.path, 'utf8')).replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)),
      loader: 'ts',
    }));
  },
};

export function spawnScript(file: string, args: string[]): ChildProcess {
  return spawn(process.execPath, [file, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
}

/** Collects the child's complete stdout lines; a line cut short by a kill is not a line. */
export function stdoutLines(child: ChildProcess): { lines: string[]; stderr: () => string } {
  const lines: string[] = [];
  let partial = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n');
    partial = parts.pop() ?? '';
    lines.push(...parts);
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  return { lines, stderr: () => stderr };
}

/** Resolves when the child prints `line`; rejects if it exits first. */
export function waitForLine(child: ChildProcess, collected: { lines: string[]; stderr: () => string }, line: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = (): void => {
      if (collected.lines.includes(line)) {
        child.stdout?.off('data', check);
        child.off('exit', onExit);
        resolve();
      }
    };
    const onExit = (code: number | null, signal: string | null): void => {
      reject(new Error(`child exited (${code ?? signal}) before printing "${line}": ${collected.stderr()}`));
    };
    child.stdout?.on('data', check);
    child.once('exit', onExit);
    check();
  });
}

export function waitForExit(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}
