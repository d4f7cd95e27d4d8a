// A function as a target: each request is one call. Thrown errors and
// rejections are failed requests, counted by the error's name.
import type { FunctionTarget } from '../../engine/suite/stress-schema.js';
import type { Target } from './target.js';

export async function functionTarget(target: FunctionTarget): Promise<Target> {
  const state = target.setup ? await target.setup() : undefined;
  return {
    send: async () => {
      await target.fn(state);
    },
    close: async () => {
      await target.teardown?.(state);
    },
  };
}
