import type { ApiParams } from '../api-params.js';
import type { Author } from '../message-store.js';
import type { WorkspaceUrls } from '../urls.js';
import type { WorkspaceState } from '../workspace-state.js';

/** Which token a method takes: the bot token (xoxb) or the app-level token (xapp). */
export type TokenKind = 'bot' | 'app';

export interface ApiContext {
  state: WorkspaceState;
  urls: WorkspaceUrls;
  /** apps.connections.open: a one-time Socket Mode URL. */
  openSocketUrl(): string;
  /** The kind of token the call came with. */
  token: TokenKind;
}

/** One Web API method. `run` answers the fields besides `ok: true`, or throws a SlackApiError. */
export interface ApiMethod {
  token: TokenKind | 'any';
  run(params: ApiParams, context: ApiContext): Record<string, unknown> | Promise<Record<string, unknown>>;
}

/** The app's messages are posted by its bot user. */
export function botAuthor(context: Pick<ApiContext, 'state'>): Author {
  const { botUserId, botId, appId } = context.state.options.identity;
  return { user: botUserId, botId, appId };
}
