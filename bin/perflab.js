#!/usr/bin/env node
// Entry point of the `perflab` command: set up the loaders, then hand over to the CLI.
import '../src/engine/suite/register-loaders.js';

const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
