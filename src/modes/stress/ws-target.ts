// WebSocket messages: each request sends one message on a connection and
// takes the next message that connection receives as its reply (an echo or a
// request/response protocol answering in order).
import WebSocket from 'ws';
import { RequestError, type Target } from './target.js';

export interface WsTargetOptions {
  url: string;
  message: string;
  connections: number;
  timeoutMs: number;
}

interface Connection {
  socket: WebSocket;
  waiting: { resolve: () => void; reject: (error: Error) => void }[];
}

/** Opens every connection first: a target that refuses them is reported before the load starts. */
export async function wsTarget(options: WsTargetOptions): Promise<Target> {
  const connections: Connection[] = [];
  const close = async (): Promise<void> => {
    await Promise.all(connections.map(({ socket }) => closeSocket(socket)));
  };
  try {
    for (let i = 0; i < options.connections; i++) connections.push(await open(options.url, options.timeoutMs));
  } catch (error) {
    await close();
    throw error;
  }
  return {
    send: (client) => {
      const connection = connections[client % connections.length];
      if (!connection || connection.socket.readyState !== WebSocket.OPEN) return Promise.reject(new RequestError('closed', 'the connection is closed'));
      return new Promise<void>((resolve, reject) => {
        connection.waiting.push({ resolve, reject });
        connection.socket.send(options.message, (error) => error && reject(error));
      });
    },
    close,
  };
}

function open(url: string, timeoutMs: number): Promise<Connection> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { handshakeTimeout: timeoutMs });
    const connection: Connection = { socket, waiting: [] };
    socket.on('message', () => connection.waiting.shift()?.resolve());
    socket.on('close', () => {
      for (const w of connection.waiting.splice(0)) w.reject(new RequestError('closed', 'the server closed the connection'));
    });
    socket.once('open', () => resolve(connection));
    socket.on('error', (error) => {
      if (socket.readyState === WebSocket.CONNECTING || socket.readyState === WebSocket.CLOSED) reject(error);
      for (const w of connection.waiting.splice(0)) w.reject(error);
    });
  });
}

function closeSocket(socket: WebSocket): Promise<void> {
  if (socket.readyState === WebSocket.CLOSED) return Promise.resolve();
  return new Promise((resolve) => {
    socket.once('close', () => resolve());
    // A server that never answers the close handshake is cut off.
    const timer = setTimeout(() => socket.terminate(), 1000);
    timer.unref();
    if (socket.readyState === WebSocket.CONNECTING) socket.terminate();
    else socket.close();
  });
}
