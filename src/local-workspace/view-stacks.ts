import type { ChangeSignal } from './change-signal.js';
import type { View } from './types.js';

/** The modals open on each person's screen: a stack per person, bottom first (Slack allows 3). */
export class ViewStacks {
  readonly #stacks = new Map<string, View[]>();

  constructor(private readonly changes: ChangeSignal) {}

  all(): View[] {
    return [...this.#stacks.values()].flat();
  }

  top(userId: string): View | undefined {
    return this.#stacks.get(userId)?.at(-1);
  }

  depth(userId: string): number {
    return this.#stacks.get(userId)?.length ?? 0;
  }

  find(viewId: string): View | undefined {
    return this.all().find((v) => v.id === viewId);
  }

  findByExternalId(externalId: string): View | undefined {
    return this.all().find((v) => v.external_id !== '' && v.external_id === externalId);
  }

  /** views.open: a new stack. */
  open(view: View): void {
    this.#stacks.set(view.userId, [view]);
    this.changes.notify();
  }

  push(view: View): void {
    this.#stacks.set(view.userId, [...(this.#stacks.get(view.userId) ?? []), view]);
    this.changes.notify();
  }

  /** views.update and `response_action: 'update'`: same place in the stack, new content. */
  replace(viewId: string, next: View): void {
    const stack = this.#stacks.get(next.userId) ?? [];
    this.#stacks.set(next.userId, stack.map((v) => (v.id === viewId ? next : v)));
    this.changes.notify();
  }

  /** Closes the view and any pushed above it. Returns what was closed, top first. */
  close(userId: string, viewId: string): View[] {
    const stack = this.#stacks.get(userId) ?? [];
    const index = stack.findIndex((v) => v.id === viewId);
    if (index < 0) return [];
    this.#stacks.set(userId, stack.slice(0, index));
    this.changes.notify();
    return stack.slice(index).reverse();
  }

  clear(userId: string): void {
    this.#stacks.delete(userId);
    this.changes.notify();
  }
}
