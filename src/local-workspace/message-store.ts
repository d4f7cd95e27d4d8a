import type { ChangeSignal } from './change-signal.js';
import type { Block, FileInfo, Message, MessageMetadata } from './types.js';

/** Who posts: a person, or the app (then botId/appId are set and `user` is the bot user). */
export interface Author {
  user: string;
  botId?: string;
  appId?: string;
}

export interface MessageContent {
  text: string;
  metadata?: MessageMetadata;
  blocks?: Block[];
  attachments?: unknown[];
  files?: FileInfo[];
}

/**
 * Channel messages (top level, oldest first, replies inside their parent) and
 * ephemeral messages. Returns live objects: callers outside the workspace get
 * copies (LocalWorkspace clones them).
 */
export class MessageStore {
  readonly #byChannel = new Map<string, Message[]>();
  #ephemerals: Message[] = [];

  constructor(
    private readonly changes: ChangeSignal,
    private readonly nextTs: () => string,
    private readonly teamId: string,
  ) {}

  topLevel(channel: string): Message[] {
    return this.#byChannel.get(channel) ?? [];
  }

  ephemerals(): Message[] {
    return this.#ephemerals;
  }

  /** Undefined when `threadTs` names no message. A reply's ts stands for its thread, as in Slack. */
  post(channel: string, author: Author, content: MessageContent, threadTs?: string): Message | undefined {
    const parent = threadTs === undefined ? undefined : this.#threadParent(channel, threadTs);
    if (threadTs !== undefined && parent === undefined) return undefined;
    const message = this.#create(channel, author, content, parent?.ts);
    if (parent) {
      parent.replies.push(message);
      this.#recount(parent);
    } else {
      this.#byChannel.set(channel, [...this.topLevel(channel), message]);
    }
    this.changes.notify();
    return message;
  }

  find(channel: string, ts: string): { message: Message; parent?: Message } | undefined {
    for (const message of this.topLevel(channel)) {
      if (message.ts === ts) return { message };
      const reply = message.replies.find((r) => r.ts === ts);
      if (reply) return { message: reply, parent: message };
    }
    return undefined;
  }

  /** Fields left undefined in `content` keep their value (chat.update keeps blocks it is not given). */
  update(channel: string, ts: string, content: Partial<MessageContent>, editedBy: string): Message | undefined {
    const found = this.find(channel, ts) ?? { message: this.findEphemeral(channel, ts) };
    if (!found.message) return undefined;
    applyContent(found.message, content);
    found.message.edited = { user: editedBy, ts: this.nextTs() };
    this.changes.notify();
    return found.message;
  }

  /** A top-level message with replies leaves a tombstone, as in Slack. */
  remove(channel: string, ts: string): boolean {
    const found = this.find(channel, ts);
    if (!found) return this.removeEphemeral(channel, ts);
    const { message, parent } = found;
    if (parent) {
      parent.replies = parent.replies.filter((r) => r !== message);
      this.#recount(parent);
    } else if (message.replies.length > 0) {
      Object.assign(message, { subtype: 'tombstone', text: 'This message was deleted.', blocks: undefined, files: undefined });
    } else {
      this.#byChannel.set(channel, this.topLevel(channel).filter((m) => m !== message));
    }
    this.changes.notify();
    return true;
  }

  postEphemeral(channel: string, to: string, author: Author, content: MessageContent, threadTs?: string): Message {
    const parent = threadTs === undefined ? undefined : this.#threadParent(channel, threadTs);
    const message = { ...this.#create(channel, author, content, parent?.ts), visibleTo: to };
    this.#ephemerals.push(message);
    this.changes.notify();
    return message;
  }

  findEphemeral(channel: string, ts: string): Message | undefined {
    return this.#ephemerals.find((m) => m.channel === channel && m.ts === ts);
  }

  removeEphemeral(channel: string, ts: string): boolean {
    const before = this.#ephemerals.length;
    this.#ephemerals = this.#ephemerals.filter((m) => !(m.channel === channel && m.ts === ts));
    if (this.#ephemerals.length === before) return false;
    this.changes.notify();
    return true;
  }

  #threadParent(channel: string, ts: string): Message | undefined {
    const found = this.find(channel, ts);
    return found?.parent ?? found?.message;
  }

  #create(channel: string, author: Author, content: MessageContent, threadTs: string | undefined): Message {
    const message: Message = {
      type: 'message',
      channel,
      ts: this.nextTs(),
      text: '',
      user: author.user,
      team: this.teamId,
      replies: [],
    };
    if (author.botId) Object.assign(message, { bot_id: author.botId, app_id: author.appId });
    if (threadTs) message.thread_ts = threadTs;
    applyContent(message, content);
    return message;
  }

  #recount(parent: Message): void {
    parent.thread_ts = parent.ts;
    parent.reply_count = parent.replies.length;
    parent.reply_users = [...new Set(parent.replies.map((r) => r.user))];
    parent.latest_reply = parent.replies.at(-1)?.ts;
  }
}

function applyContent(message: Message, content: Partial<MessageContent>): void {
  if (content.text !== undefined) message.text = content.text;
  if (content.metadata !== undefined) message.metadata = content.metadata;
  for (const field of ['blocks', 'attachments', 'files'] as const) {
    const value = content[field];
    if (value === undefined) continue;
    // An empty list removes the field, as chat.update's `blocks: []` does.
    if (value.length === 0) delete message[field];
    else Object.assign(message, { [field]: value });
  }
}
