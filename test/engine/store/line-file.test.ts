import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../src/engine/errors.js';
import { LineAppender, parseLines, readLines } from '../../../src/engine/store/line-file.js';
import { tempDir } from './helpers/store-fixtures.js';

describe('parseLines', () => {
  it('reads one record a line', () => {
    expect(parseLines('{"a":1}\n{"a":2}\n', 'f')).toEqual([{ a: 1 }, { a: 2 }]);
  });

  it('reads an empty file as no records', () => {
    expect(parseLines('', 'f')).toEqual([]);
  });

  it('drops a torn last line', () => {
    expect(parseLines('{"a":1}\n{"a":2', 'f')).toEqual([{ a: 1 }]);
  });

  it('keeps a last record that lacks only its newline', () => {
    expect(parseLines('{"a":1}\n{"a":2}', 'f')).toEqual([{ a: 1 }, { a: 2 }]);
  });

  it('skips blank lines a hand edit left', () => {
    expect(parseLines('{"a":1}\n\n{"a":2}\n', 'f')).toEqual([{ a: 1 }, { a: 2 }]);
  });

  it('reports a damaged line that is not the last as StoreCorrupt, naming file and line', () => {
    expect(() => parseLines('{"a":1}\n{"a":\n{"a":3}\n', 'runs/2024-03.jsonl')).toThrow(expect.objectContaining({ code: ErrorCode.StoreCorrupt, file: 'runs/2024-03.jsonl', message: expect.stringContaining('line 2 is not valid JSON') as string }));
  });

  it('reads a file larger than the pieces it parses at once, with characters of several bytes', () => {
    const records = Array.from({ length: 2000 }, (_, i) => ({ i, name: `cas ${i} — ünïcödé ✓` }));

    expect(parseLines(records.map((r) => `${JSON.stringify(r)}\n`).join(''), 'f')).toEqual(records);
  });

  it('names the damaged line of a large file by its number in the file', () => {
    const lines = Array.from({ length: 2000 }, (_, i) => JSON.stringify({ i }));
    lines[1500] = '{"i":';

    expect(() => parseLines(`${lines.join('\n')}\n`, 'f')).toThrow('line 1501 is not valid JSON');
  });
});

describe('LineAppender', () => {
  it('creates the file and its folders', async () => {
    const file = join(await tempDir(), 'a', 'b', 'log.jsonl');

    new LineAppender().append(file, [{ a: 1 }, { a: 2 }]);

    expect(await readFile(file, 'utf8')).toBe('{"a":1}\n{"a":2}\n');
  });

  it('cuts a torn last line before its first append to a file, once', async () => {
    const file = join(await tempDir(), 'log.jsonl');
    await writeFile(file, '{"a":1}\n{"a":');
    const appender = new LineAppender();

    appender.append(file, [{ a: 2 }]);
    appender.append(file, [{ a: 3 }]);

    expect(await readFile(file, 'utf8')).toBe('{"a":1}\n{"a":2}\n{"a":3}\n');
  });

  it('ends a whole last record that lacks its newline before appending', async () => {
    const file = join(await tempDir(), 'log.jsonl');
    await writeFile(file, '{"a":1}');

    new LineAppender().append(file, [{ a: 2 }]);

    expect(readLines(file)).toEqual([{ a: 1 }, { a: 2 }]);
  });

  it('cuts a torn line longer than the chunk it reads the tail in', async () => {
    const file = join(await tempDir(), 'log.jsonl');
    await writeFile(file, `{"a":1}\n{"a":"${'x'.repeat(10_000)}`);

    new LineAppender().append(file, [{ a: 2 }], { durable: true });

    expect(readLines(file)).toEqual([{ a: 1 }, { a: 2 }]);
  });

  it('reads a missing file as null', async () => {
    expect(readLines(join(await tempDir(), 'none.jsonl'))).toBeNull();
  });
});
