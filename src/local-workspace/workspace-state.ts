import { ChangeSignal } from './change-signal.js';
import { Directory } from './directory.js';
import { FileStore } from './file-store.js';
import type { IdSource } from './ids.js';
import { MessageStore } from './message-store.js';
import type { ResolvedOptions } from './options.js';
import { Triggers } from './triggers.js';
import { ViewStacks } from './view-stacks.js';

/** Everything the workspace remembers, in memory, and the signal that fires when any of it changes. */
export interface WorkspaceState {
  readonly options: ResolvedOptions;
  readonly ids: IdSource;
  readonly nextTs: () => string;
  readonly changes: ChangeSignal;
  readonly directory: Directory;
  readonly messages: MessageStore;
  readonly views: ViewStacks;
  readonly files: FileStore;
  readonly triggers: Triggers;
}

export function createWorkspaceState(options: ResolvedOptions, ids: IdSource, nextTs: () => string): WorkspaceState {
  const changes = new ChangeSignal();
  return {
    options,
    ids,
    nextTs,
    changes,
    directory: new Directory(options),
    messages: new MessageStore(changes, nextTs, options.identity.teamId),
    views: new ViewStacks(changes),
    files: new FileStore(),
    triggers: new Triggers(ids),
  };
}
