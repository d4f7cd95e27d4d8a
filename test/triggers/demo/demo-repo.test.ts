// The demo's repository with real git in a temp store directory.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDemoRepo } from '../../../src/triggers/demo/demo-repo.js';
import { demoStory } from '../../../src/triggers/demo/demo-story.js';

let dataDir: string;

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'perflab-demo-repo-'));
});

afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

describe('createDemoRepo', () => {
  it('makes a fresh numbered repository in the store each time, past any number already taken', async () => {
    const first = await createDemoRepo(dataDir);
    mkdirSync(join(dataDir, 'demo', 'demo-7'));
    const second = await createDemoRepo(dataDir);
    expect([first.name, first.dir]).toEqual(['demo-1', join(dataDir, 'demo', 'demo-1')]);
    expect([second.name, second.dir]).toEqual(['demo-8', join(dataDir, 'demo', 'demo-8')]);
  });

  it('commits each commit of the story as its author, on main, with no git identity configured', async () => {
    // No user.name or user.email anywhere: a newcomer's machine may have none.
    const saved = { global: process.env.GIT_CONFIG_GLOBAL, system: process.env.GIT_CONFIG_NOSYSTEM };
    process.env.GIT_CONFIG_GLOBAL = '/dev/null';
    process.env.GIT_CONFIG_NOSYSTEM = '1';
    const repo = await createDemoRepo(dataDir);
    const story = demoStory(repo.name);
    const shas: string[] = [];
    try {
      for (const commit of story.flat()) shas.push(await repo.commit(commit));
    } finally {
      for (const [key, value] of [['GIT_CONFIG_GLOBAL', saved.global], ['GIT_CONFIG_NOSYSTEM', saved.system]] as const) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
    const log = execFileSync('git', ['log', '--reverse', '--format=%H|%an|%s', 'main'], { cwd: repo.dir, encoding: 'utf8', env: { PATH: process.env.PATH, HOME: dataDir } });
    expect(log.trim().split('\n')).toEqual(story.flat().map((c, i) => `${shas[i]}|${c.author.replace(/ <.*>$/, '')}|${c.subject}`));
    expect(story.flat().filter((c) => c.slow).map((c) => c.subject)).toEqual(['Mix each block one more round']);
  });
});
