import { isRecord } from '../api-params.js';
import type { Block } from '../types.js';

/** The interactive element with this action_id, and its block: in an actions block or as a section's accessory. */
export function findAction(blocks: Block[] | undefined, actionId: string): { block: Block; element: Record<string, unknown> } | undefined {
  for (const block of blocks ?? []) {
    const candidates = block.type === 'actions' && Array.isArray(block.elements) ? (block.elements as unknown[]) : [block.accessory];
    const element = candidates.find((e): e is Record<string, unknown> => isRecord(e) && e.action_id === actionId);
    if (element) return { block, element };
  }
  return undefined;
}
