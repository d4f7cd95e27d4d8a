import type { ResolvedOptions } from './options.js';
import type { Channel, WorkspaceUser } from './types.js';

/** Who and what is in the workspace: people, the bot user, the channel, usergroups. Fixed at start. */
export class Directory {
  readonly channel: Channel;
  readonly #users: Map<string, WorkspaceUser>;

  constructor(options: ResolvedOptions) {
    this.channel = options.channel;
    this.#users = new Map(options.users.map((user) => [user.id, user]));
  }

  /** People and the bot user. */
  users(): WorkspaceUser[] {
    return [...this.#users.values()];
  }

  user(id: string): WorkspaceUser | undefined {
    return this.#users.get(id);
  }

  /** A channel by ID, or by name with or without '#' (chat.postMessage accepts both). */
  resolveChannel(idOrName: string): Channel | undefined {
    const c = this.channel;
    return idOrName === c.id || idOrName === c.name || idOrName === `#${c.name}` ? c : undefined;
  }

  /** Usergroup ID → member IDs, from each person's `groups`. */
  usergroups(): Map<string, string[]> {
    const groups = new Map<string, string[]>();
    for (const user of this.#users.values()) {
      for (const group of user.groups) groups.set(group, [...(groups.get(group) ?? []), user.id]);
    }
    return groups;
  }
}
