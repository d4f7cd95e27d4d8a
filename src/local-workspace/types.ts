// Wire shapes the local workspace stores and hands out. Field names follow
// Slack's JSON (snake_case); the few local additions are camelCase and are
// stripped before anything goes over the wire (see to-wire.ts).

/** A Block Kit block, kept as Slack sent it (the page renders the types it knows). */
export interface Block {
  type: string;
  block_id?: string;
  [field: string]: unknown;
}

export interface PlainText {
  type: 'plain_text';
  text: string;
  emoji?: boolean;
}

/** A file shared in a message (files.completeUploadExternal). */
export interface FileInfo {
  id: string;
  name: string;
  title: string;
  mimetype: string;
  filetype: string;
  size: number;
  /** Where the page (or a test) can download it: `${url}/files/F…/name`. */
  url_private: string;
  permalink: string;
  alt_text?: string;
}

export interface Message {
  type: 'message';
  subtype?: string;
  /** The conversation it is in (Slack leaves it out of message objects; kept here for convenience). */
  channel: string;
  ts: string;
  text: string;
  blocks?: Block[];
  attachments?: unknown[];
  files?: FileInfo[];
  /** The author: a person's ID, or the bot user's ID for the app's messages. */
  user: string;
  bot_id?: string;
  app_id?: string;
  team: string;
  thread_ts?: string;
  reply_count?: number;
  reply_users?: string[];
  latest_reply?: string;
  edited?: { user: string; ts: string };
  /** The app's event data (chat.postMessage `metadata`); conversations.history gives it only with `include_all_metadata`. */
  metadata?: MessageMetadata;
  /** Local: thread replies, oldest first (only on top-level messages, else empty). */
  replies: Message[];
  /** Local: set on ephemeral messages, the one person who sees it. */
  visibleTo?: string;
}

export interface MessageMetadata {
  event_type: string;
  event_payload: Record<string, unknown>;
}

export interface View {
  id: string;
  team_id: string;
  type: 'modal';
  title: PlainText;
  submit: PlainText | null;
  close: PlainText | null;
  blocks: Block[];
  private_metadata: string;
  callback_id: string;
  external_id: string;
  state: { values: ViewStateValues };
  hash: string;
  clear_on_close: boolean;
  notify_on_close: boolean;
  root_view_id: string;
  previous_view_id: string | null;
  app_id: string;
  app_installed_team_id: string;
  bot_id: string;
  /** Local: the person whose screen it is open on. */
  userId: string;
  /** Local: the errors of the last `response_action: 'errors'`, by block_id. */
  errors?: Record<string, string>;
}

/** `view.state.values`: block_id → action_id → element state (`{ type, value }`, `{ type, selected_user }`, …). */
export type ViewStateValues = Record<string, Record<string, Record<string, unknown>>>;

export interface WorkspaceUser {
  id: string;
  name: string;
  /** Usergroup IDs ("S…") the person belongs to. */
  groups: string[];
  isBot: boolean;
}

export interface Channel {
  id: string;
  /** Without the '#'. */
  name: string;
}
