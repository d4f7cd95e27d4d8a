// Where the watcher is on a branch.

/** The last commit of a watched branch that perflab has taken in. */
export interface WatchCursor {
  repo: string;
  branch: string;
  commit: string;
  at: string;
}
