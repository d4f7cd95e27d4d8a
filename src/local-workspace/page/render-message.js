// One message: avatar, author, time, then its blocks (or its text when it
// has none), legacy attachments and files.
/* global document -- runs in the browser */
import { element, renderBlocks } from './render-blocks.js';
import { renderMrkdwn } from './render-mrkdwn.js';

const COLORS = ['#e8912d', '#2eb67d', '#4a154b', '#1264a3', '#de4e2b', '#36c5f0', '#9f4de1', '#3d8b7d'];

/** ctx: { you, userName(id), isBot(id), onAction(message, block, element, button) }. */
export function renderMessage(message, ctx) {
  const bot = Boolean(message.bot_id) || ctx.isBot(message.user);
  const name = ctx.userName(message.user);
  const article = element('article', `message${message.visibleTo ? ' ephemeral' : ''}`);
  article.dataset.ts = message.ts;

  const avatar = element('div', 'avatar', document.createTextNode(bot ? '⚡' : name.slice(0, 1).toUpperCase()));
  avatar.style.background = bot ? '#1d2433' : COLORS[hash(message.user) % COLORS.length];

  const meta = element('div', 'message-meta', element('span', 'author', document.createTextNode(name)));
  if (bot) meta.append(element('span', 'badge', document.createTextNode('APP')));
  meta.append(element('span', 'time', document.createTextNode(timeOf(message.ts))));
  if (message.edited) meta.append(element('span', 'edited', document.createTextNode('(edited)')));
  if (message.visibleTo) meta.append(element('span', 'only-you', document.createTextNode('Only visible to you')));

  const blockCtx = { ...ctx, onAction: (block, e, button) => ctx.onAction(message, block, e, button) };
  const body = element('div', 'message-body', meta);
  if (message.blocks?.length) body.append(renderBlocks(message.blocks, blockCtx));
  else if (message.text) body.append(element('div', 'text', renderMrkdwn(message.text, ctx)));
  for (const attachment of message.attachments ?? []) body.append(renderAttachment(attachment, blockCtx));
  if (message.files?.length) body.append(renderFiles(message.files));

  article.append(avatar, body);
  return article;
}

function renderAttachment(attachment, ctx) {
  const box = element('div', 'attachment');
  if (/^#?[0-9a-f]{6}$/i.test(attachment.color ?? '')) box.style.borderLeftColor = attachment.color.startsWith('#') ? attachment.color : `#${attachment.color}`;
  for (const field of ['pretext', 'title', 'text']) {
    if (attachment[field]) box.append(element('div', 'text', renderMrkdwn(attachment[field], ctx)));
  }
  if (attachment.blocks?.length) box.append(renderBlocks(attachment.blocks, ctx));
  return box;
}

function renderFiles(files) {
  const list = element('div', 'files');
  for (const file of files) {
    const link = element('a', file.mimetype?.startsWith('image/') ? 'file-image' : 'file-chip');
    link.href = file.url_private;
    link.target = '_blank';
    link.rel = 'noopener';
    if (file.mimetype?.startsWith('image/')) {
      const img = element('img', '');
      img.src = file.url_private;
      img.alt = file.alt_text ?? file.title;
      link.append(img);
    } else {
      link.append(
        element('span', 'file-icon', document.createTextNode('📄')),
        element('span', '', element('div', '', document.createTextNode(file.title)), element('div', 'file-size', document.createTextNode(`${file.filetype} · ${sizeOf(file.size)}`))),
      );
    }
    list.append(link);
  }
  return list;
}

function timeOf(ts) {
  return new Date(Number.parseFloat(ts) * 1000).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

function sizeOf(bytes) {
  return bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function hash(text) {
  let h = 0;
  for (const c of String(text)) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return h;
}
