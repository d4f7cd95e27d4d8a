// Slack's limits on the Block Kit perflab sends, and the two surfaces it
// builds. The block shapes themselves are `@slack/types`' — the same types
// Bolt's `say`, `respond` and `client.chat.*` take, so nothing is cast.
// Limits from docs.slack.dev/reference/block-kit (blocks, block-elements,
// composition-objects) and docs.slack.dev/reference/views/modal-views.
import type { KnownBlock, ModalView } from '@slack/types';

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

/** What `chat.postMessage` / `chat.update` / `respond` take: `text` is the notification fallback and is always set. */
export interface Message {
  text: string;
  blocks: KnownBlock[];
}

/**
 * A modal as perflab builds it: Slack's `ModalView` (what `views.open` takes)
 * with known blocks only, so a check can switch on `block.type`, and a
 * callback id, so the submit reaches its listener.
 */
export type Modal = ModalView & { blocks: KnownBlock[]; callback_id: string };
