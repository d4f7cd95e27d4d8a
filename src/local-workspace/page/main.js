// The local workspace page: the channel, its threads, the person's
// ephemerals and modal, a user picker and a composer for slash commands.
// Everything shown comes from the snapshots of live-connection.js.
/* global document, localStorage, fetch, window, Option, location, URLSearchParams, CSS -- runs in the browser */
import { askConfirm } from './confirm-dialog.js';
import { connectLive } from './live-connection.js';
import { syncModal } from './modal.js';
import { element } from './render-blocks.js';
import { renderMessage } from './render-message.js';

const STORAGE_KEY = 'perflab.localWorkspace.user';
const $ = (id) => document.getElementById(id);
const ui = {
  timeline: $('timeline'),
  empty: $('empty'),
  picker: $('user-picker'),
  status: $('app-status'),
  title: $('channel-title'),
  channelLink: $('channel-link'),
  workspaceName: $('workspace-name'),
  composer: $('composer'),
  input: $('composer-input'),
  hint: $('composer-hint'),
  modal: $('modal'),
  confirm: $('confirm'),
};

let snapshot = null;
let linkUp = false;
const openThreads = new Set();
const sent = [];
let sentIndex = 0;
const permalink = parsePermalink();

const live = connectLive({
  user: localStorage.getItem(STORAGE_KEY),
  onSnapshot: render,
  onConnection: (up) => {
    linkUp = up;
    renderStatus();
  },
});

ui.picker.addEventListener('change', () => {
  localStorage.setItem(STORAGE_KEY, ui.picker.value);
  live.viewAs(ui.picker.value);
});

ui.composer.addEventListener('submit', async (event) => {
  event.preventDefault();
  const line = ui.input.value.trim();
  if (!line) return;
  if (!line.startsWith('/')) {
    hint('Only slash commands reach the app here. Try /perflab help.', true);
    return;
  }
  sent.push(line);
  sentIndex = sent.length;
  ui.input.value = '';
  hint(`Sent ${line}`);
  const result = await post('/local/command', { user: snapshot?.you, line });
  if (!result.ok) hint(result.message ?? result.error, true);
});

// Up and down walk through what you typed before, as in a terminal.
ui.input.addEventListener('keydown', (event) => {
  if (event.key !== 'ArrowUp' && event.key !== 'ArrowDown') return;
  sentIndex = Math.max(0, Math.min(sent.length, sentIndex + (event.key === 'ArrowUp' ? -1 : 1)));
  ui.input.value = sent[sentIndex] ?? '';
  event.preventDefault();
});

async function post(path, body) {
  try {
    const response = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return await response.json();
  } catch (error) {
    return { ok: false, error: 'unreachable', message: `The local workspace is not reachable (${error.message}).` };
  }
}

function hint(text, isError = false) {
  ui.hint.textContent = text;
  ui.hint.classList.toggle('error', isError);
}

function context() {
  const users = new Map(snapshot.workspace.users.map((u) => [u.id, u]));
  return {
    you: () => snapshot.you,
    people: () => snapshot.workspace.users.filter((u) => !u.isBot),
    userName: (id) => users.get(id)?.name ?? id,
    isBot: (id) => users.get(id)?.isBot === true,
    post,
    onAction: async (message, _block, e, button) => {
      if (e.confirm && !(await askConfirm(ui.confirm, e.confirm, context()))) return;
      if (e.url) window.open(e.url, '_blank', 'noopener');
      button.disabled = true;
      const result = await post('/local/click', { user: snapshot.you, channel: message.channel, ts: message.ts, actionId: e.action_id });
      button.disabled = false;
      if (!result.ok) hint(result.message ?? result.error, true);
    },
  };
}

function render(next) {
  snapshot = next;
  const { workspace } = next;
  document.title = `#${workspace.channel.name} · perflab local workspace`;
  ui.title.textContent = `# ${workspace.channel.name}`;
  ui.channelLink.textContent = `# ${workspace.channel.name}`;
  ui.workspaceName.textContent = workspace.teamDomain;
  ui.input.placeholder = `Message #${workspace.channel.name} — type /perflab help`;
  renderPicker(workspace.users.filter((u) => !u.isBot), next.you);
  renderStatus();
  renderTimeline();
  syncModal(ui.modal, next.view, context());
}

function renderPicker(people, you) {
  const wanted = people.map((p) => `${p.id}:${p.name}`).join(',');
  if (ui.picker.dataset.people !== wanted) {
    ui.picker.dataset.people = wanted;
    ui.picker.replaceChildren(...people.map((p) => new Option(`@${p.name}`, p.id)));
  }
  ui.picker.value = you;
}

function renderStatus() {
  const connected = linkUp && snapshot?.appConnected === true;
  ui.status.dataset.connected = String(connected);
  ui.status.querySelector('.label').textContent = !linkUp
    ? 'local workspace unreachable — reconnecting…'
    : connected
      ? 'perflab app connected'
      : 'perflab app not connected';
}

function renderTimeline() {
  const ctx = context();
  const nearBottom = ui.timeline.scrollHeight - ui.timeline.scrollTop - ui.timeline.clientHeight < 80;
  const topLevelTs = new Set(snapshot.messages.map((m) => m.ts));
  // An ephemeral in a thread shows in that thread; one whose thread is gone shows in the channel.
  const inThread = (m) => m.thread_ts !== undefined && topLevelTs.has(m.thread_ts);
  const items = [...snapshot.messages, ...snapshot.ephemerals.filter((m) => !inThread(m))].sort(byTs);

  ui.timeline.replaceChildren(...items.map((message) => renderWithThread(message, ctx)));
  if (items.length === 0) ui.timeline.append(ui.empty);

  if (permalink && !permalink.shown) showPermalink();
  else if (nearBottom) ui.timeline.scrollTop = ui.timeline.scrollHeight;
}

function renderWithThread(message, ctx) {
  const article = renderMessage(message, ctx);
  const threadEphemerals = snapshot.ephemerals.filter((m) => m.thread_ts === message.ts);
  const replies = [...(message.replies ?? []), ...threadEphemerals].sort(byTs);
  if (replies.length === 0) return article;

  const open = openThreads.has(message.ts);
  const count = replies.length;
  const toggle = element('button', 'thread-toggle', document.createTextNode(open ? 'Hide replies' : `${count} ${count === 1 ? 'reply' : 'replies'}`));
  toggle.type = 'button';
  toggle.addEventListener('click', () => {
    if (openThreads.has(message.ts)) openThreads.delete(message.ts);
    else openThreads.add(message.ts);
    renderTimeline();
  });
  const body = article.querySelector('.message-body');
  body.append(toggle);
  if (open) body.append(element('div', 'thread', ...replies.map((reply) => renderMessage(reply, ctx))));
  return article;
}

/** /archives/C…/p1700000000000100[?thread_ts=…]: the links chat.getPermalink hands out. */
function parsePermalink() {
  const match = /^\/archives\/[^/]+\/p(\d{10})(\d{6})$/.exec(location.pathname);
  if (!match) return null;
  return { ts: `${match[1]}.${match[2]}`, threadTs: new URLSearchParams(location.search).get('thread_ts'), shown: false };
}

function showPermalink() {
  if (permalink.threadTs && !openThreads.has(permalink.threadTs)) {
    openThreads.add(permalink.threadTs);
    renderTimeline();
    return;
  }
  const target = ui.timeline.querySelector(`[data-ts="${CSS.escape(permalink.ts)}"]`);
  if (!target) return;
  permalink.shown = true;
  target.classList.add('highlight');
  target.scrollIntoView({ block: 'center' });
}

function byTs(a, b) {
  return a.ts < b.ts ? -1 : a.ts > b.ts ? 1 : 0;
}
