// The one suite lister, on suites written to a temp directory with no
// node_modules (a repository that is not a JavaScript project): what each
// suite defines in every mode, and each way a suite can be broken.
import { describe, expect, it } from 'vitest';
import { pathToFileURL } from 'node:url';
import { listSuites, type SuiteListing } from '../../../src/engine/suite/list-suites.js';
import { useTempFolder } from '../../helpers/temp-folder.js';

const folder = useTempFolder('perflab-suites-');
const { write } = folder;

function errorsByFile(listing: SuiteListing): Record<string, { code: string; message: string }> {
  return Object.fromEntries(listing.suiteErrors.map((e) => [e.file.slice(folder.dir.length + 1), e.error]));
}

const ONE_OF_EACH = `import fc from 'fast-check';
import { defineSuite } from 'perflab';
export default defineSuite({
  name: 'all',
  options: { timeBudgetMs: 50 },
  bench: { add: { fn: () => 1 + 1, minSamples: 5 }, shell: { command: ['true'] } },
  stress: { hammer: { target: { fn: () => 1 }, load: { concurrency: 2 }, duration: '1s' } },
  fuzz: { identity: { property: () => fc.property(fc.integer(), (n) => n === n), budget: '2s' } },
});
`;

describe('listSuites', () => {
  it('lists the bench cases, stress scenarios and fuzz properties of a suite in one pass', async () => {
    const file = write('all.ts', ONE_OF_EACH);

    const listing = await listSuites(folder.dir);

    expect(listing.suiteErrors).toEqual([]);
    const [suite] = listing.suites;
    expect(suite?.file).toBe(file);
    expect(suite?.definition).toMatchObject({
      name: 'all',
      options: { timeBudgetMs: 50 },
      bench: { add: { minSamples: 5 }, shell: { command: ['true'] } },
      stress: { hammer: { load: { concurrency: 2 }, duration: '1s' } },
      fuzz: { identity: { budget: '2s' } },
    });
    expect(suite?.factories).toEqual({ identity: { ok: true } });
  });

  it('gives the main thread stand-ins for the suite\'s functions, which refuse to run', async () => {
    write('all.ts', ONE_OF_EACH);
    const [suite] = (await listSuites(folder.dir)).suites;
    const fn = (suite?.definition.bench?.add as { fn: () => unknown }).fn;
    expect(() => fn()).toThrow(/runs in a worker only/);
  });

  it('reports a syntax error with the file, the line and the reason', async () => {
    const file = write('broken.ts', "import { defineSuite } from 'perflab';\nexport default defineSuite({ name: 'x', bench: {\n");
    const errors = errorsByFile(await listSuites(folder.dir));
    expect(errors['broken.ts']?.code).toBe('PERFLAB_E_SUITE_LOAD');
    expect(errors['broken.ts']?.message).toBe(`${file}: cannot load suite: ${file}:3:1: Expected identifier but found end of file`);
  });

  it('reports an import that does not resolve, naming it', async () => {
    write('missing.ts', "import { helper } from './helpers/nowhere.js';\nexport default helper;\n");
    expect(errorsByFile(await listSuites(folder.dir))['missing.ts']).toMatchObject({ code: 'PERFLAB_E_SUITE_LOAD', message: expect.stringContaining('./helpers/nowhere.js') });
  });

  it('reports a suite that throws while it loads', async () => {
    write('throws.ts', "throw new Error('no config file');\nexport default 1;\n");
    expect(errorsByFile(await listSuites(folder.dir))['throws.ts']).toMatchObject({ code: 'PERFLAB_E_SUITE_LOAD', message: expect.stringContaining('cannot load suite: Error: no config file') });
  });

  it('reports a file that does not export a suite', async () => {
    write('plain.ts', 'export const nothing = 1;\n');
    expect(errorsByFile(await listSuites(folder.dir))['plain.ts']).toMatchObject({ code: 'PERFLAB_E_SUITE_INVALID', message: expect.stringContaining('export default defineSuite') });
  });

  it('names the file and the field of an invalid option', async () => {
    const file = write('typo.ts', "import { defineSuite } from 'perflab';\nexport default defineSuite({ name: 'typo', bench: { a: { fn: () => 1, timeBudget: 5 } } });\n");
    const error = errorsByFile(await listSuites(folder.dir))['typo.ts'];
    expect(error?.code).toBe('PERFLAB_E_SUITE_INVALID');
    expect(error?.message).toMatch(new RegExp(`^${file}: invalid suite: bench\\.a.*timeBudget`));
  });

  it('reports a suite that ends its worker while it loads', async () => {
    write('exits.ts', 'process.exit(4);\nexport default 1;\n');
    expect(errorsByFile(await listSuites(folder.dir))['exits.ts']).toMatchObject({ code: 'PERFLAB_E_CASE_EXITED', message: expect.stringContaining('exit code 4') });
  });

  it('refuses a case id that a second file defines again, whichever mode either uses', async () => {
    const first = write('a.ts', "import { defineSuite } from 'perflab';\nexport default defineSuite({ name: 'dup', bench: { x: { fn: () => 1 } } });\n");
    write('b.ts', "import { defineSuite } from 'perflab';\nexport default defineSuite({ name: 'dup', stress: { x: { target: { fn: () => 1 }, load: { concurrency: 1 } } } });\n");
    write('c.ts', "import fc from 'fast-check';\nimport { defineSuite } from 'perflab';\nexport default defineSuite({ name: 'dup', fuzz: { x: { property: () => fc.property(fc.nat(), () => true) } } });\n");
    write('d.ts', "import { defineSuite } from 'perflab';\nexport default defineSuite({ name: 'dup', bench: { y: { fn: () => 1 } } });\n");

    const listing = await listSuites(folder.dir);

    expect(listing.suites.map((s) => s.file.slice(folder.dir.length + 1))).toEqual(['a.ts', 'd.ts']);
    const message = `case id "dup/x" is already defined by ${first}`;
    expect(errorsByFile(listing)).toEqual({
      'b.ts': { code: 'PERFLAB_E_SUITE_INVALID', message },
      'c.ts': { code: 'PERFLAB_E_SUITE_INVALID', message },
    });
  });

  it('lists a suite again as it is after an edit, not as it was compiled before', async () => {
    write('edited.ts', "import { defineSuite } from 'perflab';\nexport default defineSuite({ name: 'edited', bench: { before: { fn: () => 1 } } });\n");
    expect(Object.keys((await listSuites(folder.dir)).suites[0]?.definition.bench ?? {})).toEqual(['before']);

    write('edited.ts', "import { defineSuite } from 'perflab';\nexport default defineSuite({ name: 'edited', bench: { after: { fn: () => 2 } } });\n");

    expect(Object.keys((await listSuites(folder.dir)).suites[0]?.definition.bench ?? {})).toEqual(['after']);
  });

  it('loads a suite\'s own TypeScript helpers from a subfolder, and sees an edit of one', async () => {
    write('helpers/names.ts', "export const CASE: string = 'first';\n");
    write('uses-helper.ts', "import { defineSuite } from 'perflab';\nimport { CASE } from './helpers/names.js';\nexport default defineSuite({ name: 'helped', bench: { [CASE]: { fn: () => 1 } } });\n");
    expect(Object.keys((await listSuites(folder.dir)).suites[0]?.definition.bench ?? {})).toEqual(['first']);

    write('helpers/names.ts', "export const CASE: string = 'second';\n");

    expect(Object.keys((await listSuites(folder.dir)).suites[0]?.definition.bench ?? {})).toEqual(['second']);
  });

  it('gives a suite the location of its own file, not of the compiled module', async () => {
    const file = write('where.ts', "import { defineSuite } from 'perflab';\nexport default defineSuite({ name: 'where', bench: { here: { command: [import.meta.url, __dirname, __filename] } } });\n");
    const [suite] = (await listSuites(folder.dir)).suites;
    expect(suite?.definition.bench?.here).toMatchObject({ command: [pathToFileURL(file).href, folder.dir, file] });
  });

  it('loads a CommonJS suite that requires perflab and a Node built-in', async () => {
    write('legacy.cts', "const { defineSuite } = require('perflab');\nconst os = require('node:os');\nmodule.exports = { default: defineSuite({ name: 'legacy', bench: { cpus: { command: ['echo', String(os.cpus().length > 0)] } } }) };\n");
    const listing = await listSuites(folder.dir);
    expect(listing.suiteErrors).toEqual([]);
    expect(listing.suites[0]?.definition.bench?.cpus).toMatchObject({ command: ['echo', 'true'] });
  });

  it('lists a fuzz property whose factory throws, with what it threw', async () => {
    write('factory.ts', "import { defineSuite } from 'perflab';\nexport default defineSuite({ name: 'factory', fuzz: { broken: { property: () => { throw new Error('boom at build'); } } } });\n");
    const [suite] = (await listSuites(folder.dir)).suites;
    expect(suite?.factories).toEqual({ broken: { ok: false, threw: expect.objectContaining({ name: 'Error', message: 'boom at build' }) } });
  });

  it('lists nothing more once cancelled, and calls no suite broken for it', async () => {
    write('a.ts', ONE_OF_EACH);
    expect(await listSuites(folder.dir, { signal: AbortSignal.abort() })).toEqual({ suites: [], suiteErrors: [] });
  });
});
