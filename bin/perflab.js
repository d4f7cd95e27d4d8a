#!/usr/bin/env node
// Entry point of the `perflab` command. It runs perflab's CLI compiled to
// plain JavaScript (src/cli/build/): the build made from src/ as it is now,
// or one made now if src/ changed since. Only when no build can be made (a
// syntax error, a read-only install) does it run the TypeScript through tsx,
// as it does when PERFLAB_FROM_SOURCE=1.
import { freshCliEntry, keepUsing } from '../src/cli/build/cli-cache.js';

const fromSource = process.env.PERFLAB_FROM_SOURCE === '1';
const entry = fromSource ? undefined : (freshCliEntry() ?? (await buildNow()));
if (entry) keepUsing(entry);
const { main } = entry ? await import(entry) : await importSource();
process.exitCode = await main(process.argv.slice(2));

async function buildNow() {
  await import('../src/engine/suite/register-loaders.js');
  const { buildCli } = await import('../src/cli/build/build-cli.ts');
  return buildCli().catch(() => undefined); // tsx reports the same errors from the source, where they are
}

async function importSource() {
  await import('../src/engine/suite/register-loaders.js');
  return import('../src/cli/main.ts');
}
