import type { IncomingMessage } from 'node:http';

/**
 * True when a request comes from the workspace's own page (or a non-browser
 * client on this machine). The page's endpoints act as any person, so a web
 * page on another origin, or one reaching us through DNS rebinding, must not
 * be able to call them: the Host must be ours, and so must the Origin when a
 * browser sends one.
 */
export function isLocalOrigin(request: IncomingMessage, port: number): boolean {
  const ours = [`127.0.0.1:${port}`, `localhost:${port}`];
  if (!ours.includes(request.headers.host ?? '')) return false;
  const origin = request.headers.origin;
  return origin === undefined || ours.some((host) => origin === `http://${host}`);
}
