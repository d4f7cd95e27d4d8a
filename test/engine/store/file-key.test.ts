import { describe, expect, it } from 'vitest';
import { fileKey } from '../../../src/engine/store/file-key.js';

describe('fileKey', () => {
  it('keeps a case id readable', () => {
    expect(fileKey('parse/json-large')).toMatch(/^parse~json-large-[0-9a-f]{12}$/);
  });

  it('never yields a path separator, a leading dot or a character unsafe on common file systems', () => {
    for (const id of ['../../etc/passwd', '.hidden', 'a\\b:c*d?"e<f>g|h', 'emoji 🚀 case', '']) {
      expect(fileKey(id)).toMatch(/^[A-Za-z0-9_~-][A-Za-z0-9._~-]*$/);
    }
  });

  it('gives different keys to ids that differ only in case or in punctuation', () => {
    const keys = ['a/b', 'A/b', 'a_b', 'a~b', 'a b', 'a/b/'].map((id) => fileKey(id).toLowerCase());
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('keeps long ids short', () => {
    expect(fileKey('x'.repeat(500)).length).toBeLessThanOrEqual(73);
  });
});
