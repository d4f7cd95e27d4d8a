// Block Kit → DOM, for the block types perflab sends: header, section
// (text, fields, button or image accessory), context, divider, actions
// (buttons), image. Others show as a short note rather than vanish.
/* global document -- runs in the browser */
import { renderMrkdwn, renderPlainText, renderTextObject } from './render-mrkdwn.js';

/**
 * ctx: { userName(id), onAction(block, element, button) }. Without onAction
 * (blocks inside a modal) buttons are shown but inert.
 */
export function renderBlocks(blocks, ctx) {
  const fragment = document.createDocumentFragment();
  for (const block of blocks ?? []) fragment.append(renderBlock(block, ctx));
  return fragment;
}

function renderBlock(block, ctx) {
  switch (block.type) {
    case 'header':
      return element('div', 'block block-header', renderPlainText(block.text));
    case 'section':
      return renderSection(block, ctx);
    case 'context':
      return element('div', 'block block-context', ...(block.elements ?? []).map((e) => (e.type === 'image' ? image(e.image_url, e.alt_text) : element('span', '', renderTextObject(e, ctx)))));
    case 'divider':
      return element('hr', 'block-divider');
    case 'actions':
      return element('div', 'block block-actions', ...(block.elements ?? []).map((e) => renderElement(block, e, ctx)));
    case 'image':
      return element('div', 'block block-image', ...(block.title ? [element('div', 'image-title', renderPlainText(block.title))] : []), image(block.image_url, block.alt_text));
    case 'markdown':
      return element('div', 'block text', renderMrkdwn(block.text ?? '', ctx));
    case 'rich_text':
      return element('div', 'block text', document.createTextNode(richTextOf(block)));
    default:
      return element('div', 'block unsupported', document.createTextNode(`[${block.type} block]`));
  }
}

function renderSection(block, ctx) {
  const main = element('div', 'section-main');
  if (block.text) main.append(element('div', 'text', renderTextObject(block.text, ctx)));
  if (block.fields?.length) main.append(element('div', 'fields', ...block.fields.map((f) => element('div', 'text', renderTextObject(f, ctx)))));
  const section = element('div', 'block block-section', main);
  const accessory = block.accessory;
  if (accessory?.type === 'image') section.append(image(accessory.image_url, accessory.alt_text, 'accessory-image'));
  else if (accessory) section.append(renderElement(block, accessory, ctx));
  return section;
}

function renderElement(block, e, ctx) {
  if (e.type !== 'button') return element('span', 'unsupported', document.createTextNode(`[${e.type}]`));
  const button = element('button', `btn${e.style ? ` btn-${e.style}` : ''}`, renderPlainText(e.text));
  button.type = 'button';
  button.dataset.actionId = e.action_id;
  if (ctx.onAction) button.addEventListener('click', () => ctx.onAction(block, e, button));
  else button.disabled = true;
  return button;
}

function image(url, alt, className = '') {
  const img = element('img', className);
  img.alt = alt ?? '';
  img.loading = 'lazy';
  // Only web and same-origin images (uploaded files are served from /files/).
  if (typeof url === 'string' && /^(https?:\/\/|\/)/i.test(url)) img.src = url;
  return img;
}

function richTextOf(block) {
  const texts = [];
  const walk = (node) => {
    if (typeof node?.text === 'string') texts.push(node.text);
    for (const child of node?.elements ?? []) walk(child);
  };
  walk(block);
  return texts.join('');
}

export function element(tag, className, ...children) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  node.append(...children);
  return node;
}
