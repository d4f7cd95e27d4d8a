// Small constructors that hold every text to Slack's limit, so a builder can
// pass whatever the engine produced and still get a message Slack accepts.
// Callers truncate raw text to a sensible size first (before escaping); the
// cut here is the safety net.
import type { Button, ColorScheme, ConfirmationDialog, ContextBlock, DividerBlock, HeaderBlock, MrkdwnElement, PlainTextElement, SectionBlock } from '@slack/types';
import { LIMITS } from './block-kit.js';
import { truncate } from './truncate.js';

export function plain(text: string, max: number = LIMITS.textObject): PlainTextElement {
  return { type: 'plain_text', text: nonEmpty(truncate(text, max)), emoji: true };
}

export function mrkdwn(text: string, max: number = LIMITS.textObject): MrkdwnElement {
  return { type: 'mrkdwn', text: nonEmpty(truncate(text, max)) };
}

export function header(text: string): HeaderBlock {
  return { type: 'header', text: plain(text.replace(/\s+/g, ' '), LIMITS.headerText) };
}

export function section(text: string, fields?: readonly string[]): SectionBlock {
  const block: SectionBlock = { type: 'section', text: mrkdwn(text, LIMITS.sectionText) };
  if (fields && fields.length > 0) block.fields = fields.slice(0, LIMITS.sectionFields).map((f) => mrkdwn(f, LIMITS.fieldText));
  return block;
}

export function fieldsSection(fields: readonly string[]): SectionBlock {
  return { type: 'section', fields: fields.slice(0, LIMITS.sectionFields).map((f) => mrkdwn(f, LIMITS.fieldText)) };
}

export function context(texts: readonly string[]): ContextBlock {
  return { type: 'context', elements: texts.slice(0, LIMITS.contextElements).map((t) => mrkdwn(t)) };
}

export function divider(): DividerBlock {
  return { type: 'divider' };
}

export interface ButtonOptions {
  value?: string;
  style?: ColorScheme;
  confirm?: ConfirmationDialog;
}

export function button(text: string, actionId: string, options: ButtonOptions = {}): Button {
  const element: Button = { type: 'button', text: plain(text, LIMITS.buttonText), action_id: truncate(actionId, LIMITS.actionId) };
  // A value is an id the bot must read back whole: it is never cut, the caller keeps it small.
  if (options.value !== undefined) element.value = options.value;
  if (options.style) element.style = options.style;
  if (options.confirm) element.confirm = options.confirm;
  return element;
}

export function confirmDialog(title: string, text: string, confirm: string, deny: string, style?: ColorScheme): ConfirmationDialog {
  return {
    title: plain(title, LIMITS.confirmTitle),
    text: mrkdwn(text, LIMITS.confirmText),
    confirm: plain(confirm, LIMITS.confirmButton),
    deny: plain(deny, LIMITS.confirmButton),
    ...(style ? { style } : {}),
  };
}

/** Slack rejects empty text objects. */
function nonEmpty(text: string): string {
  return text.trim().length > 0 ? text : '—';
}
