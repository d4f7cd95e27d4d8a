// What the demo commits, push by push: a small checksum with its benchmark,
// two ordinary commits that change nothing measurable (each measured as it
// lands: perflab stays quiet), then one push of four commits in which
// exactly one makes the checksum 25% slower (five mixing rounds instead of
// four: 25% more work per call). That push holds harmless commits on each
// side of the slow one, so the bisection has real work to do.

export interface DemoCommit {
  subject: string;
  author: string;
  /** Files written before committing, path → content. */
  files: Record<string, string>;
  /** The one commit that makes things slower. */
  slow?: true;
}

/**
 * Pushes, oldest first; the watcher measures each push at its tip. The first
 * push's results become the baseline; the last push holds the slow commit.
 */
export type DemoStory = DemoCommit[][];

const AUTHORS = { ada: 'Ada Lovelace <ada@example.org>', grace: 'Grace Hopper <grace@example.org>', alan: 'Alan Turing <alan@example.org>' };

/** The story for suite `suite` (each demo has its own, so demos never share a baseline). */
export function demoStory(suite: string): DemoStory {
  return [
    [{ subject: 'Add a checksum and its benchmark', author: AUTHORS.ada, files: { 'README.md': readme([]), 'suites/checksum.ts': checksumSuite(suite, { rounds: 4, named: false }) } }],
    [{ subject: 'Add an MIT licence', author: AUTHORS.grace, files: { LICENSE: LICENCE } }],
    [{ subject: 'Explain the checksum in the README', author: AUTHORS.grace, files: { 'README.md': readme([EXPLANATION]) } }],
    [
      { subject: 'Ignore editor backup files', author: AUTHORS.ada, files: { '.gitignore': '*~\n' } },
      { subject: 'Mix each block one more round', author: AUTHORS.alan, files: { 'suites/checksum.ts': checksumSuite(suite, { rounds: 5, named: false }) }, slow: true },
      { subject: 'Name the FNV constants', author: AUTHORS.ada, files: { 'suites/checksum.ts': checksumSuite(suite, { rounds: 5, named: true }) } },
      { subject: 'Add a usage example to the README', author: AUTHORS.grace, files: { 'README.md': readme([EXPLANATION, USAGE]) } },
    ],
  ];
}

/** The case the story measures. */
export function demoCaseId(suite: string): string {
  return `${suite}/checksum 16KB`;
}

const EXPLANATION = 'The checksum is FNV-1a over a 16 KB block, mixed in several rounds.';
const USAGE = 'Measure it with `perflab run` in this directory.';
const LICENCE = 'MIT License\n\nPermission is hereby granted, free of charge, to any person obtaining a copy of this demo.\n';

function readme(paragraphs: string[]): string {
  return ['# perflab demo', '', 'A throwaway repository made by `perflab demo`.', ...paragraphs.flatMap((p) => ['', p]), ''].join('\n');
}

/** A suite with one fast function case; `named` only renames constants (same speed). */
function checksumSuite(suite: string, options: { rounds: number; named: boolean }): string {
  const offset = options.named ? 'FNV_OFFSET' : '0x811c9dc5';
  const prime = options.named ? 'FNV_PRIME' : '16777619';
  return `import { defineSuite } from 'perflab';

const ROUNDS = ${options.rounds};
${options.named ? 'const FNV_OFFSET = 0x811c9dc5;\nconst FNV_PRIME = 16777619;\n' : ''}const block = new Uint8Array(16_384).map((_, i) => (i * 31) & 255);

function checksum(data: Uint8Array): number {
  let hash = ${offset};
  for (let round = 0; round < ROUNDS; round++) {
    for (let i = 0; i < data.length; i++) hash = Math.imul(hash ^ (data[i] as number), ${prime});
  }
  return hash >>> 0;
}

export default defineSuite({
  name: '${suite}',
  // Short budgets: the demo should tell its story in a minute or two.
  options: { timeBudgetMs: 300, warmupMs: 100, threshold: 0.1 },
  bench: { 'checksum 16KB': { fn: () => checksum(block) } },
});
`;
}
