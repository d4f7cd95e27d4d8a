// The Block Kit shapes perflab sends, and Slack's limits on them. Only what
// the builders use; `@slack/types` is not a dependency of the pure builders.
// Limits from docs.slack.dev/reference/block-kit (blocks, block-elements,
// composition-objects) and docs.slack.dev/reference/views/modal-views.

export const LIMITS = {
  /** Blocks in one message (100 in modals). */
  messageBlocks: 50,
  modalBlocks: 100,
  /** Sum of text over all blocks: Slack answers `msg_blocks_too_long` around 13 k (bolt-js#2509); keep a margin. */
  messageChars: 12_000,
  headerText: 150,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  contextElements: 10,
  /** Any text object; context elements have no lower documented cap. */
  textObject: 3000,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  blockId: 255,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
  modalTitle: 24,
  modalButton: 24,
  privateMetadata: 3000,
  callbackId: 255,
  inputLabel: 2000,
  placeholder: 150,
  plainTextInputMax: 3000,
} as const;

export interface PlainText {
  type: 'plain_text';
  text: string;
  emoji?: boolean;
}

export interface Mrkdwn {
  type: 'mrkdwn';
  text: string;
}

export type TextObject = PlainText | Mrkdwn;

export interface ConfirmDialog {
  title: PlainText;
  text: TextObject;
  confirm: PlainText;
  deny: PlainText;
  style?: 'primary' | 'danger';
}

export interface ButtonElement {
  type: 'button';
  text: PlainText;
  action_id: string;
  value?: string;
  url?: string;
  style?: 'primary' | 'danger';
  confirm?: ConfirmDialog;
}

export interface PlainTextInputElement {
  type: 'plain_text_input';
  action_id: string;
  multiline?: boolean;
  max_length?: number;
  initial_value?: string;
  placeholder?: PlainText;
}

export interface UsersSelectElement {
  type: 'users_select';
  action_id: string;
  initial_user?: string;
  placeholder?: PlainText;
}

export interface HeaderBlock {
  type: 'header';
  text: PlainText;
  block_id?: string;
}

export interface SectionBlock {
  type: 'section';
  text?: TextObject;
  fields?: TextObject[];
  block_id?: string;
}

export interface ContextBlock {
  type: 'context';
  elements: TextObject[];
  block_id?: string;
}

export interface ActionsBlock {
  type: 'actions';
  elements: ButtonElement[];
  block_id?: string;
}

export interface DividerBlock {
  type: 'divider';
  block_id?: string;
}

export interface InputBlock {
  type: 'input';
  label: PlainText;
  element: PlainTextInputElement | UsersSelectElement;
  block_id?: string;
  hint?: PlainText;
  optional?: boolean;
}

export type Block = HeaderBlock | SectionBlock | ContextBlock | ActionsBlock | DividerBlock | InputBlock;

/** What `chat.postMessage` / `chat.update` take: `text` is the notification fallback and is always set. */
export interface Message {
  text: string;
  blocks: Block[];
}

export interface ModalView {
  type: 'modal';
  callback_id: string;
  title: PlainText;
  submit?: PlainText;
  close?: PlainText;
  private_metadata?: string;
  blocks: Block[];
}
