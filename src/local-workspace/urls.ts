/** The addresses the workspace hands out, all on its one loopback port. */
export interface WorkspaceUrls {
  /** http://127.0.0.1:PORT */
  base: string;
  /** `${base}/api/`: the WebClient's slackApiUrl. */
  api: string;
  socket(ticket: string): string;
  response(hookId: string): string;
  upload(fileId: string): string;
  file(fileId: string, name: string): string;
  /** Slack's shape: /archives/C…/p1700000000000100 (?thread_ts=… for replies); the page opens it. */
  permalink(channel: string, ts: string, threadTs?: string): string;
}

export function workspaceUrls(port: number): WorkspaceUrls {
  const base = `http://127.0.0.1:${port}`;
  return {
    base,
    api: `${base}/api/`,
    socket: (ticket) => `ws://127.0.0.1:${port}/socket?ticket=${encodeURIComponent(ticket)}`,
    response: (hookId) => `${base}/response/${hookId}`,
    upload: (fileId) => `${base}/upload/${fileId}`,
    file: (fileId, name) => `${base}/files/${fileId}/${encodeURIComponent(name)}`,
    permalink: (channel, ts, threadTs) => {
      const link = `${base}/archives/${channel}/p${ts.replace('.', '')}`;
      return threadTs && threadTs !== ts ? `${link}?thread_ts=${threadTs}&cid=${channel}` : link;
    },
  };
}
