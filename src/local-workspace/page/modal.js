// The person's top modal (views.open/push/update): input blocks with
// plain_text_input, users_select, static_select (and their multi forms),
// other blocks rendered read-only. Submit and Cancel go to the workspace,
// which tells the app; what the modal shows next comes back in a snapshot.
/* global document, Option -- runs in the browser */
import { element, renderBlocks } from './render-blocks.js';
import { renderPlainText } from './render-mrkdwn.js';

let shownKey = null;

/** ctx: { you, people, userName(id), post(path, body) }. */
export function syncModal(dialog, view, ctx) {
  if (!view) {
    shownKey = null;
    if (dialog.open) dialog.close();
    return;
  }
  const key = `${view.id}:${view.hash}`;
  if (key !== shownKey) {
    shownKey = key;
    dialog.replaceChildren(buildForm(dialog, view, ctx));
    if (!dialog.open) dialog.showModal();
  }
  showErrors(dialog, view.errors ?? {});
}

function buildForm(dialog, view, ctx) {
  const form = element('form', '');
  form.noValidate = false;
  const close = element('button', 'modal-x', document.createTextNode('×'));
  close.type = 'button';
  close.setAttribute('aria-label', 'Close');
  const body = element('div', 'modal-body', ...view.blocks.map((block) => (block.type === 'input' ? renderInput(block, ctx) : renderBlocks([block], ctx))));
  const foot = element('div', 'modal-foot');
  const cancel = element('button', 'btn', renderPlainText(view.close ?? { type: 'plain_text', text: 'Cancel' }));
  cancel.type = 'button';
  foot.append(cancel);
  let submit = null;
  if (view.submit) {
    submit = element('button', 'btn btn-primary', renderPlainText(view.submit));
    submit.type = 'submit';
    foot.append(submit);
  }
  form.append(element('div', 'modal-head', element('h2', '', renderPlainText(view.title)), close), body, foot);

  const dismiss = () => ctx.post('/local/close-view', { user: ctx.you(), viewId: view.id });
  close.addEventListener('click', dismiss);
  cancel.addEventListener('click', dismiss);
  dialog.oncancel = (event) => {
    event.preventDefault(); // Esc: close through the workspace, so the app can hear of it
    void dismiss();
  };
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (submit) submit.disabled = true;
    const result = await ctx.post('/local/submit', { user: ctx.you(), viewId: view.id, values: collectValues(form) });
    if (submit) submit.disabled = false;
    if (!result.ok) showErrors(dialog, { [view.blocks.find((b) => b.type === 'input')?.block_id ?? '']: result.message ?? result.error });
  });
  return form;
}

function renderInput(block, ctx) {
  const e = block.element ?? {};
  const id = `input-${block.block_id}`;
  const label = element('label', '', renderPlainText(block.label));
  label.htmlFor = id;
  if (block.optional) label.append(element('span', 'optional', document.createTextNode(' (optional)')));
  const control = renderControl(e, ctx);
  control.id = id;
  control.dataset.blockId = block.block_id;
  control.dataset.actionId = e.action_id;
  control.required = !block.optional;
  const wrapper = element('div', 'input-block', label, control);
  wrapper.dataset.blockId = block.block_id;
  if (block.hint) wrapper.append(element('div', 'input-hint', renderPlainText(block.hint)));
  wrapper.append(element('div', 'input-error'));
  return wrapper;
}

function renderControl(e, ctx) {
  switch (e.type) {
    case 'plain_text_input': {
      const input = element(e.multiline ? 'textarea' : 'input', '');
      if (e.initial_value) input.value = e.initial_value;
      if (e.placeholder) input.placeholder = e.placeholder.text;
      if (e.max_length) input.maxLength = e.max_length;
      return input;
    }
    case 'users_select':
    case 'multi_users_select':
      return select(e, ctx.people().map((p) => ({ value: p.id, text: `@${p.name}` })), e.initial_user ? [e.initial_user] : (e.initial_users ?? []));
    case 'static_select':
    case 'multi_static_select': {
      const options = [...(e.options ?? []), ...(e.option_groups ?? []).flatMap((g) => g.options ?? [])];
      const initial = e.initial_option ? [e.initial_option.value] : (e.initial_options ?? []).map((o) => o.value);
      return select(e, options.map((o) => ({ value: o.value, text: o.text.text })), initial);
    }
    case 'datepicker': {
      const input = element('input', '');
      input.type = 'date';
      if (e.initial_date) input.value = e.initial_date;
      return input;
    }
    default: {
      const input = element('input', '');
      input.disabled = true;
      input.placeholder = `${e.type} is not supported in the local workspace`;
      return input;
    }
  }
}

function select(e, options, initial) {
  const node = element('select', '');
  node.multiple = e.type.startsWith('multi_');
  if (!node.multiple) node.append(new Option(e.placeholder?.text ?? 'Choose…', ''));
  for (const option of options) node.append(new Option(option.text, option.value, false, initial.includes(option.value)));
  return node;
}

/** block_id → action_id → value (a string, or a list for multi-selects); the workspace shapes them as Slack does. */
function collectValues(form) {
  const values = {};
  for (const control of form.querySelectorAll('[data-action-id]')) {
    const value = control.multiple ? [...control.selectedOptions].map((o) => o.value) : control.value;
    if (value === '' || (Array.isArray(value) && value.length === 0)) continue;
    values[control.dataset.blockId] = { [control.dataset.actionId]: value };
  }
  return values;
}

function showErrors(dialog, errors) {
  for (const wrapper of dialog.querySelectorAll('.input-block')) {
    const message = errors[wrapper.dataset.blockId];
    wrapper.classList.toggle('has-error', Boolean(message));
    wrapper.querySelector('.input-error').textContent = message ?? '';
  }
}
