import { isRecord } from './api-params.js';
import type { IdSource } from './ids.js';
import { SlackApiError } from './slack-api-error.js';
import type { Block } from './types.js';
import { validateBlocks } from './validate-blocks.js';

/** Slack's limits: 50 blocks in a message, 100 in a modal. */
export const MAX_MESSAGE_BLOCKS = 50;
export const MAX_VIEW_BLOCKS = 100;

/**
 * Checks blocks as Slack does (throwing `invalid_blocks`) and fills in the
 * block_id and action_id that Slack generates when an app leaves them out,
 * so every button can be clicked and every input read back.
 */
export function normalizeBlocks(value: unknown, ids: IdSource, maxBlocks: number): Block[] {
  if (!Array.isArray(value)) throw new SlackApiError('invalid_blocks', ['must be an array [json-pointer:/blocks]']);
  const problems = validateBlocks(value, maxBlocks);
  if (problems.length > 0) throw new SlackApiError('invalid_blocks', problems);
  return (structuredClone(value) as Block[]).map((block) => {
    block.block_id ??= ids.blockId();
    for (const element of elementsOf(block)) element.action_id ??= ids.blockId();
    return block;
  });
}

function elementsOf(block: Block): Record<string, unknown>[] {
  const found: unknown[] = [];
  if (block.type === 'actions' && Array.isArray(block.elements)) found.push(...(block.elements as unknown[]));
  if (block.type === 'section') found.push(block.accessory);
  if (block.type === 'input') found.push(block.element);
  return found.filter((e): e is Record<string, unknown> => isRecord(e) && e.type !== 'image');
}
