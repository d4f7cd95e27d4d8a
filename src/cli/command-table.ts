// Every `perflab` command: its name, the one line `perflab --help` lists it
// with, and how to load it. Loaded only when run (main.ts), so that a quick
// command does not pay for the dependencies of all the others.
import type { Command } from 'commander';

export interface CommandEntry {
  name: string;
  /** The line in `perflab --help`; the command's own `--help` shows its full description. */
  summary: string;
  load: () => Promise<Command>;
}

export const COMMANDS: readonly CommandEntry[] = [
  { name: 'run', summary: 'run the benchmark suites, compare with the baselines, record the results', load: async () => (await import('./commands/run.js')).runCommand() },
  { name: 'stress', summary: 'run stress scenarios and report what breaks', load: async () => (await import('./commands/stress.js')).stressCommand() },
  { name: 'fuzz', summary: "fuzz the suites' properties, or replay one input", load: async () => (await import('./commands/fuzz.js')).fuzzCommand() },
  { name: 'findings', summary: 'list fuzz and stress findings', load: async () => (await import('./commands/findings.js')).findingsCommand() },
  { name: 'baseline', summary: 'accept or show baselines', load: async () => (await import('./commands/baseline.js')).baselineCommand() },
  { name: 'history', summary: "a case's results on this machine, or its chart", load: async () => (await import('./commands/history.js')).historyCommand() },
  { name: 'report', summary: 'latest results against the previous run, a day, week, month and year ago', load: async () => (await import('./commands/report.js')).reportCommand() },
  { name: 'digest', summary: 'the biggest movers against a week, a month and a year ago', load: async () => (await import('./commands/digest.js')).digestCommand() },
  { name: 'compare', summary: 'measure two commits interleaved and report every change', load: async () => (await import('./commands/compare.js')).compareCommand() },
  { name: 'ci', summary: 'compare the checked-out commit with a base inside a CI job', load: async () => (await import('./commands/ci.js')).ciCommand() },
  { name: 'watch', summary: 'measure every new commit of a repository', load: async () => (await import('./commands/watch.js')).watchCommand() },
  { name: 'serve', summary: 'run the Slack bot (the local workspace when no Slack tokens are set)', load: async () => (await import('./commands/serve.js')).serveCommand() },
  { name: 'agent', summary: 'take jobs from the shared PostgreSQL queue (PERFLAB_DATABASE_URL) and run them on this machine', load: async () => (await import('./commands/agent.js')).agentCommand() },
  { name: 'demo', summary: 'watch a throwaway repository whose 25% slower commit ends in an alert', load: async () => (await import('./commands/demo.js')).demoCommand() },
  { name: 'audit', summary: 'list the audit log', load: async () => (await import('./commands/audit.js')).auditCommand() },
  { name: 'store', summary: 'look after the store directory', load: async () => (await import('./commands/store.js')).storeCommand() },
];
