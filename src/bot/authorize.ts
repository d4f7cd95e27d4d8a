// Who may accept baselines, dismiss alerts and cancel other people's jobs:
// configured Slack users and members of configured user groups. Checked on
// every click and every modal submission, not only on commands.
import type { App } from '@slack/bolt';
import type { BotConfig } from './config.js';

type WebClient = App['client'];

const GROUP_CACHE_MS = 60_000;

export class Authorizer {
  readonly #admins: BotConfig['admins'];
  readonly #client: WebClient;
  readonly #groups = new Map<string, { members: Set<string>; at: number }>();

  constructor(admins: BotConfig['admins'], client: WebClient) {
    this.#admins = admins;
    this.#client = client;
  }

  /** Nobody configured means a team that has not restricted anything yet: everyone may. */
  get restricted(): boolean {
    return this.#admins.users.length > 0 || this.#admins.groups.length > 0;
  }

  async mayAct(userId: string): Promise<boolean> {
    if (!this.restricted || this.#admins.users.includes(userId)) return true;
    for (const group of this.#admins.groups) {
      if ((await this.#members(group)).has(userId)) return true;
    }
    return false;
  }

  async #members(group: string): Promise<Set<string>> {
    const cached = this.#groups.get(group);
    if (cached && Date.now() - cached.at < GROUP_CACHE_MS) return cached.members;
    const response = await this.#client.usergroups.users.list({ usergroup: group });
    const members = new Set(response.users ?? []);
    this.#groups.set(group, { members, at: Date.now() });
    return members;
  }
}
