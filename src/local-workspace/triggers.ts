import type { IdSource } from './ids.js';

/** Slack gives an app 3 s to use a trigger_id (views.open, views.push). */
export const TRIGGER_LIFETIME_MS = 3000;

/** trigger_ids handed out with slash commands, clicks and submissions, and whose screen they open on. */
export class Triggers {
  readonly #issued = new Map<string, { userId: string; expiresAt: number }>();

  constructor(private readonly ids: IdSource) {}

  issue(userId: string): string {
    const now = Date.now();
    for (const [id, trigger] of this.#issued) if (now > trigger.expiresAt) this.#issued.delete(id);
    const id = this.ids.trigger();
    this.#issued.set(id, { userId, expiresAt: now + TRIGGER_LIFETIME_MS });
    return id;
  }

  redeem(triggerId: string): { userId: string } | { error: 'invalid_trigger_id' | 'expired_trigger_id' } {
    const trigger = this.#issued.get(triggerId);
    if (!trigger) return { error: 'invalid_trigger_id' };
    if (Date.now() > trigger.expiresAt) return { error: 'expired_trigger_id' };
    return { userId: trigger.userId };
  }
}
