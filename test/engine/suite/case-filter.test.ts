import { describe, expect, it } from 'vitest';
import { caseFilter } from '../../../src/engine/suite/case-filter.js';

describe('caseFilter', () => {
  it('keeps only the ids a glob matches when handed to Array#filter', () => {
    // Array#filter passes the index too; a glob matcher that took it as an option let every id after the first through.
    expect(['lru/get', 'json/parse 1MB', 'spin/work'].filter(caseFilter('json/*'))).toEqual(['json/parse 1MB']);
  });

  it('reads a pattern without glob characters as part of the id, in any case', () => {
    expect(['lru/get', 'JSON/parse', 'spin/work'].filter(caseFilter('json'))).toEqual(['JSON/parse']);
  });

  it('keeps everything for no pattern and for all', () => {
    expect(['a/b', 'c/d'].filter(caseFilter(undefined))).toEqual(['a/b', 'c/d']);
    expect(['a/b', 'c/d'].filter(caseFilter('all'))).toEqual(['a/b', 'c/d']);
  });
});
