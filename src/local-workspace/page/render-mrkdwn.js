// Slack's mrkdwn, the parts messages use: *bold*, _italic_, ~strike~,
// `code`, ```blocks```, > quotes, <url|text>, <@U…>, <#C…|name>, <!here>,
// and &amp; &lt; &gt;. Builds DOM nodes; never parses HTML, so message text
// cannot inject markup. https://docs.slack.dev/messaging/formatting-message-text
/* global document -- runs in the browser */
import { withEmoji } from './emoji.js';

/** mrkdwn text → a fragment. `ctx.userName(id)` names mentioned people. */
export function renderMrkdwn(text, ctx) {
  const fragment = document.createDocumentFragment();
  const parts = String(text).split(/```/);
  parts.forEach((part, i) => {
    if (i % 2 === 1) {
      const pre = document.createElement('pre');
      pre.textContent = decodeEntities(part.replace(/^\n/, ''));
      fragment.append(pre);
    } else {
      fragment.append(renderLines(part, ctx));
    }
  });
  return fragment;
}

/** plain_text objects: no formatting, emoji unless `emoji: false`. */
export function renderPlainText(textObject) {
  const text = textObject?.text ?? '';
  return document.createTextNode(textObject?.emoji === false ? text : withEmoji(text));
}

/** A text object of either type. */
export function renderTextObject(textObject, ctx) {
  if (!textObject) return document.createDocumentFragment();
  return textObject.type === 'mrkdwn' ? renderMrkdwn(textObject.text, ctx) : renderPlainText(textObject);
}

function renderLines(text, ctx) {
  const fragment = document.createDocumentFragment();
  const lines = text.split('\n');
  let quote = null;
  lines.forEach((line, i) => {
    const quoted = /^(&gt;|>)\s?/.exec(line);
    if (quoted) {
      if (!quote) {
        quote = document.createElement('blockquote');
        fragment.append(quote);
      } else {
        quote.append('\n');
      }
      quote.append(renderInline(line.slice(quoted[0].length), ctx));
      return;
    }
    quote = null;
    fragment.append(renderInline(line, ctx));
    if (i < lines.length - 1) fragment.append('\n');
  });
  return fragment;
}

// Markers count only at word edges, as in Slack: snake_case_names stay plain.
const TOKENS = [
  { kind: 'code', re: /`([^`\n]+)`/ },
  { kind: 'special', re: /<([^<>\n]+)>/ },
  { kind: 'bold', re: /(?<![\w*])\*(?=\S)([^*\n]*?\S)\*(?![\w*])/ },
  { kind: 'italic', re: /(?<![\w_])_(?=\S)([^_\n]*?\S)_(?![\w_])/ },
  { kind: 'strike', re: /(?<![\w~])~(?=\S)([^~\n]*?\S)~(?![\w~])/ },
];

function renderInline(text, ctx) {
  const fragment = document.createDocumentFragment();
  let rest = text;
  while (rest.length > 0) {
    let first = null;
    for (const token of TOKENS) {
      const match = token.re.exec(rest);
      if (match && (first === null || match.index < first.match.index)) first = { token, match };
    }
    if (!first) {
      fragment.append(plain(rest));
      break;
    }
    const { token, match } = first;
    if (match.index > 0) fragment.append(plain(rest.slice(0, match.index)));
    fragment.append(renderToken(token.kind, match[1], ctx));
    rest = rest.slice(match.index + match[0].length);
  }
  return fragment;
}

function renderToken(kind, inner, ctx) {
  switch (kind) {
    case 'code': {
      const code = document.createElement('code');
      code.textContent = decodeEntities(inner);
      return code;
    }
    case 'special':
      return renderSpecial(inner, ctx);
    default: {
      const element = document.createElement({ bold: 'strong', italic: 'em', strike: 's' }[kind]);
      element.append(renderInline(inner, ctx));
      return element;
    }
  }
}

/** <…>: a mention, a channel, a special mention, a date, or a link. */
function renderSpecial(inner, ctx) {
  const [target, label] = splitOnce(inner, '|');
  if (target.startsWith('@')) return mention(`@${label || ctx.userName(target.slice(1))}`);
  if (target.startsWith('#')) return mention(`#${label || target.slice(1)}`);
  if (target.startsWith('!subteam^')) return mention(label || `@${target.slice('!subteam^'.length)}`);
  if (target.startsWith('!date^')) return plain(label || target);
  if (target.startsWith('!')) return mention(`@${target.slice(1)}`);
  const url = decodeEntities(target);
  if (!/^(https?:|mailto:)/i.test(url)) return plain(`<${inner}>`);
  const link = document.createElement('a');
  link.href = url;
  link.target = '_blank';
  link.rel = 'noopener noreferrer';
  link.append(label ? renderInline(label, ctx) : document.createTextNode(url));
  return link;
}

function mention(text) {
  const span = document.createElement('span');
  span.className = 'mention';
  span.textContent = decodeEntities(text);
  return span;
}

function plain(text) {
  return document.createTextNode(withEmoji(decodeEntities(text)));
}

function splitOnce(text, separator) {
  const at = text.indexOf(separator);
  return at < 0 ? [text, ''] : [text.slice(0, at), text.slice(at + 1)];
}

function decodeEntities(text) {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
