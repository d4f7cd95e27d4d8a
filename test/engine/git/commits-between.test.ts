import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commitsBetween } from '../../../src/engine/git/mirror.js';
import { tempRepo, type TempRepo } from '../../helpers/temp-repo.js';

let repo: TempRepo;

beforeEach(() => {
  repo = tempRepo();
});

afterEach(() => {
  repo.remove();
});

describe('commitsBetween', () => {
  it('lists the commits after `from` up to and including `to`, oldest first (a drift bisection range)', async () => {
    const shas = ['a', 'b', 'c', 'd', 'e'].map((name) => {
      repo.write(`${name}.txt`, name);
      return repo.commit(name);
    });

    expect(await commitsBetween(repo.dir, shas[0]!, shas[4]!)).toEqual(shas.slice(1));
    expect(await commitsBetween(repo.dir, shas[3]!, shas[4]!)).toEqual([shas[4]]);
  });

  it('is empty when `from` is not an ancestor of `to` (history rewritten, or the range reversed)', async () => {
    repo.write('a.txt', 'a');
    const a = repo.commit('a');
    repo.write('b.txt', 'b');
    const b = repo.commit('b');

    expect(await commitsBetween(repo.dir, b, a)).toEqual([]);
  });
});
