import { waitForChange } from './change-signal.js';
import { loadPageAssets } from './http/serve-page.js';
import { startHttpServer, type WorkspaceHttpServer } from './http/workspace-http-server.js';
import { createIdSource } from './ids.js';
import { LiveUpdates } from './live/live-updates.js';
import { pageSnapshot } from './live/page-snapshot.js';
import { resolveOptions, type LocalWorkspaceOptions } from './options.js';
import { clickButton } from './person/click-button.js';
import type { PersonContext } from './person/person-context.js';
import { slashCommand } from './person/slash-command.js';
import { closeView, submitView, type SubmitViewResult } from './person/submit-view.js';
import { ResponseUrls } from './response-urls.js';
import { SocketModeServer } from './socket-mode/socket-mode-server.js';
import { createTsClock } from './ts-clock.js';
import type { Message, View } from './types.js';
import { workspaceUrls } from './urls.js';
import { botAuthor } from './web-api/api-method.js';
import { FaultInjector, type InjectedFault } from './web-api/fault-injector.js';
import { createWorkspaceState, type WorkspaceState } from './workspace-state.js';
import { workspaceRoutes } from './workspace-routes.js';

/**
 * A Slack-compatible workspace on 127.0.0.1: the Web API, Socket Mode and a
 * web page showing the channel. The real Bolt app connects to it with
 * `clientOptions: { slackApiUrl: workspace.apiUrl }`; a person (or a test)
 * types slash commands, clicks buttons and submits modals through it.
 */
export class LocalWorkspace {
  /** http://127.0.0.1:PORT — the page. */
  readonly url: string;
  /** `${url}/api/`: pass as `clientOptions.slackApiUrl`. */
  readonly apiUrl: string;
  readonly botToken: string;
  readonly appToken: string;
  readonly botUserId: string;
  readonly botId: string;
  readonly teamId: string;
  readonly appId: string;
  /** The channel's ID. */
  readonly channel: string;

  readonly #state: WorkspaceState;
  readonly #person: PersonContext;
  readonly #faults: FaultInjector;
  readonly #live: LiveUpdates;
  readonly #server: WorkspaceHttpServer;
  #stopping: Promise<void> | undefined;

  private constructor(parts: {
    state: WorkspaceState;
    person: PersonContext;
    faults: FaultInjector;
    live: LiveUpdates;
    server: WorkspaceHttpServer;
  }) {
    const { identity, channel } = parts.state.options;
    this.url = parts.person.urls.base;
    this.apiUrl = parts.person.urls.api;
    this.botToken = identity.botToken;
    this.appToken = identity.appToken;
    this.botUserId = identity.botUserId;
    this.botId = identity.botId;
    this.teamId = identity.teamId;
    this.appId = identity.appId;
    this.channel = channel.id;
    this.#state = parts.state;
    this.#person = parts.person;
    this.#faults = parts.faults;
    this.#live = parts.live;
    this.#server = parts.server;
  }

  static async start(options: LocalWorkspaceOptions = {}): Promise<LocalWorkspace> {
    const resolved = resolveOptions(options);
    const assets = await loadPageAssets();
    const ids = createIdSource();
    const state = createWorkspaceState(resolved, ids, createTsClock());
    const server = await startHttpServer(resolved.host, resolved.port);
    const urls = workspaceUrls(server.port);
    const socketMode = new SocketModeServer({ appId: resolved.identity.appId, ids, changes: state.changes, ackTimeoutMs: resolved.ackTimeoutMs });
    const responseUrls = new ResponseUrls(state, botAuthor({ state }));
    const person: PersonContext = { state, socketMode, responseUrls, urls };
    const live = new LiveUpdates(
      state.changes,
      (userId) => pageSnapshot(state, userId, socketMode.connectionCount > 0),
      // The page may remember a person who is not in this workspace: show it as the first person instead.
      (userId) => (state.directory.user(userId)?.isBot === false ? userId : (resolved.users[0]?.id ?? userId)),
    );
    const faults = new FaultInjector();
    const workspace = new LocalWorkspace({ state, person, faults, live, server });
    try {
      server.serve(workspaceRoutes({ state, urls, port: server.port, socketMode, responseUrls, faults, live, assets, person: workspace }));
    } catch (error) {
      await workspace.stop();
      throw error;
    }
    return workspace;
  }

  // ——— What a person does (the page calls the same methods) ———

  /**
   * Types `${command} ${text}` in the channel as `userId`. Resolves once the
   * app acked, with what the ack showed the person privately. Rejects with
   * PERFLAB_E_LOCAL_WORKSPACE_DISPATCH_FAILED when no app is connected and
   * …_ACK_TIMEOUT when the ack is late (the person also sees Slack's message).
   */
  slashCommand(userId: string, text: string, command = '/perflab'): Promise<{ ephemeral: Message[] }> {
    return slashCommand(this.#person, userId, text, command);
  }

  /** Clicks the element with `actionId` on the message `ts` in `channel`; resolves once the app acked. */
  clickButton(userId: string, channel: string, ts: string, actionId: string): Promise<void> {
    return clickButton(this.#person, userId, channel, ts, actionId);
  }

  /**
   * Submits the open modal `viewId` with `values` (block_id → action_id →
   * a plain value, or an element state such as `{ type: 'plain_text_input', value }`).
   */
  submitView(userId: string, viewId: string, values: Record<string, Record<string, unknown>>): Promise<SubmitViewResult> {
    return submitView(this.#person, userId, viewId, values);
  }

  /** Cancels the modal `viewId` (the app hears of it only with notify_on_close). */
  closeView(userId: string, viewId: string): Promise<void> {
    return closeView(this.#person, userId, viewId);
  }

  // ——— What tests inspect (copies: changing them changes nothing) ———

  /** Top-level messages of the channel, oldest first, each with its thread in `.replies`. */
  messages(channel = this.channel): Message[] {
    return structuredClone(this.#state.messages.topLevel(channel));
  }

  /** Ephemeral messages, oldest first; only those `userId` sees when given. */
  ephemerals(userId?: string): Message[] {
    return structuredClone(this.#state.messages.ephemerals().filter((m) => userId === undefined || m.visibleTo === userId));
  }

  /** Every open modal, each with the `userId` whose screen it is on. */
  openViews(): View[] {
    return structuredClone(this.#state.views.all());
  }

  /** Socket Mode connections open right now. */
  get socketConnections(): number {
    return this.#person.socketMode.connectionCount;
  }

  /**
   * Resolves with the predicate's first truthy value, checked now, after
   * every change of the workspace (messages, views, connections) and every
   * 20 ms. Default timeout 5000 ms. A predicate that throws counts as "not yet".
   */
  waitFor<T>(predicate: () => T | undefined | false | null, timeoutMs = 5000): Promise<T> {
    return waitForChange(this.#state.changes, predicate, timeoutMs);
  }

  // ——— Faults ———

  /**
   * The next `times` calls of `method` (a Web API method such as
   * 'chat.postMessage', or 'response_url' for response_url POSTs) fail:
   * `{ status: 429, retryAfterSec: 2 }`, `{ status: 500 }`, `{ slackError: 'channel_not_found' }`.
   */
  failNext(method: string, error: InjectedFault, times = 1): void {
    this.#faults.add(method, error, times);
  }

  /** Closes every Socket Mode connection abruptly; the app must reconnect (apps.connections.open again). */
  dropSocketConnections(): void {
    this.#person.socketMode.dropAll();
  }

  /** Closes connections and the port. Stop the Bolt app first, or its client will try to reconnect here. */
  stop(): Promise<void> {
    this.#stopping ??= (async () => {
      this.#live.close();
      this.#person.socketMode.close();
      await this.#server.close();
    })();
    return this.#stopping;
  }
}
