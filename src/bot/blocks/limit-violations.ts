// Checks a message or modal against Slack's documented limits and returns
// what breaks them, in words. The builders are written to stay inside; this
// is how tests (and the local workspace, if it wants to be strict) prove it.
// A block or element perflab does not build is reported too: its limits are
// not known here, so it cannot be said to be within them.
import type { ActionsBlockElement, AnyBlock, Button, ConfirmationDialog, ContextBlockElement, KnownBlock, TextObject } from '@slack/types';
import { LIMITS, type Message, type Modal } from './block-kit.js';

export function limitViolations(surface: Message | Modal): string[] {
  const out: string[] = [];
  const maxBlocks = isModal(surface) ? LIMITS.modalBlocks : LIMITS.messageBlocks;
  if (surface.blocks.length > maxBlocks) out.push(`${surface.blocks.length} blocks (max ${maxBlocks})`);
  if (isModal(surface)) {
    text(out, 'modal title', surface.title, LIMITS.modalTitle);
    if (surface.submit) text(out, 'modal submit', surface.submit, LIMITS.modalButton);
    if (surface.close) text(out, 'modal close', surface.close, LIMITS.modalButton);
    if (surface.callback_id.length > LIMITS.callbackId) out.push('callback_id too long');
    if ((surface.private_metadata ?? '').length > LIMITS.privateMetadata) out.push('private_metadata too long');
  } else {
    if (typeof surface.text !== 'string' || surface.text.trim().length === 0) out.push('fallback text is empty');
    const chars = totalText(surface.blocks);
    if (chars > LIMITS.messageChars) out.push(`${chars} characters of block text (keep under ${LIMITS.messageChars})`);
  }
  surface.blocks.forEach((block, i) => checkBlock(out, `block ${i} (${block.type})`, block));
  return out;
}

function isModal(surface: Message | Modal): surface is Modal {
  return 'type' in surface && surface.type === 'modal';
}

/** Sum of every text in the blocks: what Slack's undocumented `msg_blocks_too_long` seems to count. */
export function totalText(blocks: readonly AnyBlock[]): number {
  let sum = 0;
  const visit = (value: unknown): void => {
    if (typeof value === 'string') sum += value.length;
    else if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) if (key === 'text' || typeof inner === 'object') visit(inner);
    }
  };
  visit(blocks);
  return sum;
}

function checkBlock(out: string[], where: string, block: KnownBlock): void {
  if (block.block_id !== undefined && block.block_id.length > LIMITS.blockId) out.push(`${where}: block_id too long`);
  switch (block.type) {
    case 'header':
      if (block.text.type !== 'plain_text') out.push(`${where}: header text must be plain_text`);
      text(out, where, block.text, LIMITS.headerText);
      break;
    case 'section':
      if (!block.text && !block.fields?.length) out.push(`${where}: section without text or fields`);
      if (block.text) text(out, where, block.text, LIMITS.sectionText);
      if ((block.fields?.length ?? 0) > LIMITS.sectionFields) out.push(`${where}: ${block.fields?.length} fields (max ${LIMITS.sectionFields})`);
      for (const field of block.fields ?? []) text(out, `${where} field`, field, LIMITS.fieldText);
      if (block.accessory) out.push(`${where}: no limits known for a ${block.accessory.type} accessory`);
      break;
    case 'context':
      if (block.elements.length === 0 || block.elements.length > LIMITS.contextElements) out.push(`${where}: ${block.elements.length} elements`);
      for (const element of block.elements) checkContextElement(out, where, element);
      break;
    case 'actions':
      if (block.elements.length === 0 || block.elements.length > LIMITS.actionsElements) out.push(`${where}: ${block.elements.length} elements`);
      for (const element of block.elements) checkActionsElement(out, where, element);
      break;
    case 'input': {
      text(out, `${where} label`, block.label, LIMITS.inputLabel);
      if (block.hint) text(out, `${where} hint`, block.hint, LIMITS.inputLabel);
      const element = block.element;
      if ((element.action_id ?? '').length > LIMITS.actionId) out.push(`${where}: action_id too long`);
      if ('placeholder' in element && element.placeholder) text(out, `${where} placeholder`, element.placeholder, LIMITS.placeholder);
      break;
    }
    case 'divider':
      break;
    default:
      out.push(`${where}: no limits known for ${block.type} blocks`);
  }
}

function checkContextElement(out: string[], where: string, element: ContextBlockElement): void {
  if (element.type === 'plain_text' || element.type === 'mrkdwn') text(out, where, element, LIMITS.textObject);
  else out.push(`${where}: no limits known for ${element.type} elements`);
}

function checkActionsElement(out: string[], where: string, element: ActionsBlockElement): void {
  if (element.type === 'button') checkButton(out, where, element);
  else out.push(`${where}: no limits known for ${element.type} elements`);
}

function checkButton(out: string[], where: string, button: Button): void {
  if (button.text.type !== 'plain_text') out.push(`${where}: button text must be plain_text`);
  text(out, `${where} button`, button.text, LIMITS.buttonText);
  if ((button.action_id ?? '').length > LIMITS.actionId) out.push(`${where}: action_id too long`);
  if ((button.value ?? '').length > LIMITS.buttonValue) out.push(`${where}: button value too long`);
  if (button.confirm) checkConfirm(out, where, button.confirm);
}

function checkConfirm(out: string[], where: string, confirm: ConfirmationDialog): void {
  if (confirm.title) text(out, `${where} confirm title`, confirm.title, LIMITS.confirmTitle);
  text(out, `${where} confirm text`, confirm.text, LIMITS.confirmText);
  if (confirm.confirm) text(out, `${where} confirm button`, confirm.confirm, LIMITS.confirmButton);
  if (confirm.deny) text(out, `${where} deny button`, confirm.deny, LIMITS.confirmButton);
}

function text(out: string[], where: string, object: TextObject, max: number): void {
  if (object.text.trim().length === 0) out.push(`${where}: empty text`);
  if (object.text.length > max) out.push(`${where}: ${object.text.length} characters (max ${max})`);
}
