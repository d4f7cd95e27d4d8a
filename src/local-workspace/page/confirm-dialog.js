// A button's `confirm` object, shown as a real dialog before the click is sent.
// https://docs.slack.dev/reference/block-kit/composition-objects/confirmation-dialog-object
import { element } from './render-blocks.js';
import { renderPlainText, renderTextObject } from './render-mrkdwn.js';

/** Resolves true when the person confirms, false when they deny or press Esc. */
export function askConfirm(dialog, confirm, ctx) {
  return new Promise((resolve) => {
    const deny = element('button', 'btn', renderPlainText(confirm.deny ?? { type: 'plain_text', text: 'Cancel' }));
    const ok = element('button', `btn ${confirm.style === 'danger' ? 'btn-danger solid' : 'btn-primary'}`, renderPlainText(confirm.confirm ?? { type: 'plain_text', text: 'Yes' }));
    deny.type = ok.type = 'button';
    ok.dataset.role = 'confirm';
    deny.dataset.role = 'deny';
    dialog.replaceChildren(
      element('h2', '', renderPlainText(confirm.title ?? { type: 'plain_text', text: 'Are you sure?' })),
      element('div', 'confirm-text', renderTextObject(confirm.text, ctx)),
      element('div', 'confirm-buttons', deny, ok),
    );
    const finish = (answer) => {
      dialog.close();
      resolve(answer);
    };
    ok.addEventListener('click', () => finish(true));
    deny.addEventListener('click', () => finish(false));
    dialog.addEventListener('cancel', () => resolve(false), { once: true });
    dialog.showModal();
    ok.focus();
  });
}
