import { isRecord } from './api-params.js';

// The limits Slack enforces that a Block Kit builder is most likely to
// trip over; each problem is reported with a JSON pointer, as Slack does.
// https://docs.slack.dev/reference/block-kit/blocks

const KNOWN_BLOCKS = new Set([
  'actions', 'context', 'divider', 'file', 'header', 'image', 'input', 'markdown', 'rich_text', 'section', 'table', 'video',
]);

/** Problems with a list of blocks, empty when Slack would accept it. */
export function validateBlocks(blocks: unknown[], maxBlocks: number): string[] {
  const problems: string[] = [];
  if (blocks.length > maxBlocks) problems.push(`no more than ${maxBlocks} items allowed [json-pointer:/blocks]`);
  const blockIds = new Set<string>();
  const actionIds = new Set<string>();
  blocks.forEach((block, i) => {
    const at = `/blocks/${i}`;
    if (!isRecord(block) || typeof block.type !== 'string') {
      problems.push(`must be an object with a type [json-pointer:${at}]`);
      return;
    }
    if (!KNOWN_BLOCKS.has(block.type)) problems.push(`unknown block type '${block.type}' [json-pointer:${at}/type]`);
    if (typeof block.block_id === 'string') {
      if (blockIds.has(block.block_id)) problems.push(`duplicate block_id '${block.block_id}' [json-pointer:${at}/block_id]`);
      blockIds.add(block.block_id);
      maxLength(problems, block.block_id, 255, `${at}/block_id`);
    }
    switch (block.type) {
      case 'header':
        textObject(problems, block.text, 150, `${at}/text`, true);
        break;
      case 'section':
        if (block.text === undefined && block.fields === undefined) problems.push(`must provide text or fields [json-pointer:${at}]`);
        if (block.text !== undefined) textObject(problems, block.text, 3000, `${at}/text`);
        if (block.fields !== undefined) {
          if (!Array.isArray(block.fields) || block.fields.length > 10) problems.push(`fields: no more than 10 items allowed [json-pointer:${at}/fields]`);
          else block.fields.forEach((f, j) => textObject(problems, f, 2000, `${at}/fields/${j}`));
        }
        if (isRecord(block.accessory)) element(problems, block.accessory, `${at}/accessory`, actionIds);
        break;
      case 'context':
        if (!Array.isArray(block.elements) || block.elements.length === 0 || block.elements.length > 10) {
          problems.push(`elements: between 1 and 10 items required [json-pointer:${at}/elements]`);
        }
        break;
      case 'actions':
        if (!Array.isArray(block.elements) || block.elements.length === 0 || block.elements.length > 25) {
          problems.push(`elements: between 1 and 25 items required [json-pointer:${at}/elements]`);
        } else {
          block.elements.forEach((e, j) => element(problems, e, `${at}/elements/${j}`, actionIds));
        }
        break;
      case 'image':
        if (typeof block.image_url !== 'string' && !isRecord(block.slack_file)) problems.push(`missing required field: image_url [json-pointer:${at}]`);
        if (typeof block.alt_text !== 'string') problems.push(`missing required field: alt_text [json-pointer:${at}]`);
        break;
      case 'input':
        textObject(problems, block.label, 2000, `${at}/label`, true);
        if (!isRecord(block.element)) problems.push(`missing required field: element [json-pointer:${at}]`);
        else element(problems, block.element, `${at}/element`, actionIds);
        break;
    }
  });
  return problems;
}

function element(problems: string[], value: unknown, at: string, actionIds: Set<string>): void {
  if (!isRecord(value) || typeof value.type !== 'string') {
    problems.push(`must be an element object with a type [json-pointer:${at}]`);
    return;
  }
  if (typeof value.action_id === 'string') {
    if (actionIds.has(value.action_id)) problems.push(`duplicate action_id '${value.action_id}' [json-pointer:${at}/action_id]`);
    actionIds.add(value.action_id);
    maxLength(problems, value.action_id, 255, `${at}/action_id`);
  }
  if (value.type === 'button') {
    textObject(problems, value.text, 75, `${at}/text`, true);
    if (value.value !== undefined) maxLength(problems, value.value, 2000, `${at}/value`);
    if (value.url !== undefined) maxLength(problems, value.url, 3000, `${at}/url`);
    if (value.style !== undefined && value.style !== 'primary' && value.style !== 'danger') {
      problems.push(`style must be 'primary' or 'danger' [json-pointer:${at}/style]`);
    }
  }
}

function textObject(problems: string[], value: unknown, max: number, at: string, plainOnly = false): void {
  if (!isRecord(value) || typeof value.text !== 'string' || (value.type !== 'plain_text' && value.type !== 'mrkdwn')) {
    problems.push(`must be a text object [json-pointer:${at}]`);
    return;
  }
  if (plainOnly && value.type !== 'plain_text') problems.push(`must be plain_text [json-pointer:${at}/type]`);
  maxLength(problems, value.text, max, `${at}/text`);
}

function maxLength(problems: string[], value: unknown, max: number, at: string): void {
  if (typeof value !== 'string') problems.push(`must be a string [json-pointer:${at}]`);
  else if (value.length > max) problems.push(`must be less than ${max + 1} characters [json-pointer:${at}]`);
}
