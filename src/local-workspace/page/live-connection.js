// The page's one connection to the workspace: snapshots arrive over the
// /live WebSocket whenever something changes. If the workspace goes away the
// page says so and reconnects with backoff (no polling while connected).
/* global WebSocket, location -- runs in the browser */

/** Calls onSnapshot(snapshot) for each snapshot; onConnection(up) when the link goes up or down. */
export function connectLive({ user, onSnapshot, onConnection }) {
  let socket;
  let viewer = user;
  let retryMs = 500;

  const open = () => {
    socket = new WebSocket(`ws://${location.host}/live`);
    socket.addEventListener('open', () => {
      retryMs = 500;
      onConnection(true);
      socket.send(JSON.stringify({ type: 'as', user: viewer }));
    });
    socket.addEventListener('message', (event) => {
      const message = JSON.parse(event.data);
      if (message.type === 'snapshot') onSnapshot(message);
    });
    socket.addEventListener('close', () => {
      onConnection(false);
      setTimeout(open, retryMs);
      retryMs = Math.min(retryMs * 2, 5000);
    });
  };
  open();

  return {
    viewAs(userId) {
      viewer = userId;
      if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify({ type: 'as', user: viewer }));
    },
  };
}
