import { optionalBoolean, optionalString, type ApiParams } from './api-params.js';
import type { HttpAnswer } from './http/http-answer.js';
import { readMessageContent } from './message-content.js';
import type { Author } from './message-store.js';
import type { Message } from './types.js';
import type { WorkspaceState } from './workspace-state.js';

/** Slack: a response_url works up to 5 times within 30 minutes. */
const MAX_USES = 5;
const LIFETIME_MS = 30 * 60_000;

/** The message a response_url speaks about: the clicked message, or the last one it posted. */
interface Target {
  ts: string;
  ephemeral: boolean;
}

interface Hook {
  channel: string;
  userId: string;
  /** For clicks: the message with the button. */
  source?: Target;
  /** For slash commands: what this URL (or the ack) posted last, which replace_original replaces. */
  lastPosted?: Target;
  uses: number;
  expiresAt: number;
}

/**
 * response_url hooks of slash commands and clicks, and what a POST to one
 * does: `response_type` 'ephemeral' (default) or 'in_channel',
 * `replace_original`, `delete_original`, `thread_ts`.
 */
export class ResponseUrls {
  readonly #hooks = new Map<string, Hook>();

  constructor(
    private readonly state: WorkspaceState,
    private readonly author: Author,
  ) {}

  create(hook: { channel: string; userId: string; source?: Target }): string {
    const now = Date.now();
    // Hooks are kept in the order they expire, so the sweep stops at the first live one.
    for (const [id, old] of this.#hooks) {
      if (now <= old.expiresAt) break;
      this.#hooks.delete(id);
    }
    const id = this.state.ids.secret();
    this.#hooks.set(id, { ...hook, uses: 0, expiresAt: now + LIFETIME_MS });
    return id;
  }

  /** POST /response/<id>. */
  post(id: string, params: ApiParams): HttpAnswer {
    const hook = this.#hooks.get(id);
    if (!hook || Date.now() > hook.expiresAt) return { status: 404, body: { ok: false, error: 'expired_url' } };
    if (hook.uses >= MAX_USES) return { status: 404, body: { ok: false, error: 'used_url' } };
    hook.uses += 1;
    this.apply(id, params);
    return { status: 200, body: { ok: true } };
  }

  /**
   * What a response does to the channel; also used for a slash command's ack
   * payload, which Slack shows the same way. Returns the message it posted
   * or changed, if any.
   */
  apply(id: string, params: ApiParams): Message | undefined {
    const hook = this.#hooks.get(id);
    if (!hook) return undefined;
    const { messages } = this.state;
    const target = hook.source ?? hook.lastPosted;

    if (optionalBoolean(params, 'delete_original')) {
      if (target) {
        if (target.ephemeral) messages.removeEphemeral(hook.channel, target.ts);
        else messages.remove(hook.channel, target.ts);
      }
      return undefined;
    }

    const content = readMessageContent(params, this.state.ids, 'new');
    if (optionalBoolean(params, 'replace_original') && target) {
      // A replacement is a whole new message body: blocks not given are gone.
      const replaced = messages.update(hook.channel, target.ts, { blocks: [], attachments: [], ...content }, this.author.user);
      if (replaced) return replaced;
    }

    const threadTs = optionalString(params, 'thread_ts');
    const posted =
      optionalString(params, 'response_type') === 'in_channel'
        ? messages.post(hook.channel, this.author, content, threadTs)
        : messages.postEphemeral(hook.channel, hook.userId, this.author, content, threadTs);
    if (posted && !hook.source) hook.lastPosted = { ts: posted.ts, ephemeral: posted.visibleTo !== undefined };
    return posted;
  }
}
