// Model-based fuzzing: random sequences of get/set on the LRU cache in
// fixtures/lru-cache.mjs, checked step by step against a plain array that
// keeps keys from least to most recently used.
import { strictEqual } from 'node:assert/strict';
import fc from 'fast-check';
import { defineSuite } from 'perflab';
import { LruCache } from './fixtures/lru-cache.mjs';

const CAPACITY = 3;

interface Model {
  /** Least recently used first. */
  entries: { key: string; value: number }[];
}

class SetCommand implements fc.Command<Model, LruCache> {
  constructor(readonly key: string, readonly value: number) {}
  check = () => true;
  run(model: Model, cache: LruCache): void {
    model.entries = model.entries.filter((e) => e.key !== this.key);
    model.entries.push({ key: this.key, value: this.value });
    if (model.entries.length > CAPACITY) model.entries.shift();
    cache.set(this.key, this.value);
    strictEqual(cache.size, model.entries.length);
  }
  toString = () => `set(${JSON.stringify(this.key)}, ${this.value})`;
}

class GetCommand implements fc.Command<Model, LruCache> {
  constructor(readonly key: string) {}
  check = () => true;
  run(model: Model, cache: LruCache): void {
    const at = model.entries.findIndex((e) => e.key === this.key);
    const expected = at === -1 ? undefined : model.entries[at]?.value;
    if (at !== -1) model.entries.push(...model.entries.splice(at, 1));
    strictEqual(cache.get(this.key), expected);
  }
  toString = () => `get(${JSON.stringify(this.key)})`;
}

const keys = fc.constantFrom('a', 'b', 'c', 'd', 'e');
const commands = [keys.chain((k) => fc.integer().map((v) => new SetCommand(k, v))), keys.map((k) => new GetCommand(k))];

export default defineSuite({
  name: 'lru-cache',
  fuzz: {
    'behaves like its model': {
      // replayPath lets `perflab fuzz --replay` rebuild the exact command sequence.
      property: ({ replayPath }) =>
        fc.property(fc.commands(commands, { maxCommands: 50, ...(replayPath ? { replayPath } : {}) }), (cmds) => {
          fc.modelRun(() => ({ model: { entries: [] }, real: new LruCache(CAPACITY) }), cmds);
        }),
      budget: '2s',
    },
  },
});
