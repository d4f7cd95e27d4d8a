// The buttons under an alert. Accepting and dismissing change what the team
// will be alerted about next, so both ask for confirmation first.
import type { ActionsBlock, ButtonElement } from './block-kit.js';
import { button, confirmDialog } from './block-builders.js';
import { ACTION_ID, encodeButtonValue, type AlertAction, type SignPayload } from './button-value.js';
import { code } from './escape-mrkdwn.js';
import { plural } from './plural.js';
import { shortCommit } from './short-commit.js';
import { truncate } from './truncate.js';
import type { AlertView } from './alert-body.js';

/** Which buttons an alert of each kind offers while it is open. */
export function actionsFor(kind: AlertView['alert']['kind']): AlertAction[] {
  // Nothing to accept when nothing was measured.
  return kind === 'regression' || kind === 'improvement' ? ['accept', 'investigate', 'dismiss', 'rerun'] : ['investigate', 'dismiss', 'rerun'];
}

export function alertActions(view: AlertView, actions: readonly AlertAction[], sign?: SignPayload): ActionsBlock {
  return { type: 'actions', elements: actions.map((action) => alertButton(view, action, sign)) };
}

function alertButton(view: AlertView, action: AlertAction, sign?: SignPayload): ButtonElement {
  const value = encodeButtonValue(view.alert.id, action, sign);
  const cases = view.alert.caseIds.length || view.comparisons.length;
  switch (action) {
    case 'accept':
      return button('Accept as new baseline', ACTION_ID.accept, {
        value,
        style: 'primary',
        confirm: confirmDialog(
          'Accept as new baseline?',
          `Future runs of ${plural(cases, 'case')} will be compared with run ${code(truncate(view.run.id, 40))} at ${code(shortCommit(view.run.commit))}. The old baseline stays in the history.`,
          'Accept',
          'Cancel',
          'primary',
        ),
      });
    case 'investigate':
      return button('Investigate', ACTION_ID.investigate, { value });
    case 'dismiss':
      return button('Dismiss as noise', ACTION_ID.dismiss, {
        value,
        style: 'danger',
        confirm: confirmDialog('Dismiss as noise?', 'The alert closes and the baselines stay as they are.', 'Dismiss', 'Keep it open', 'danger'),
      });
    case 'rerun':
      return button('Re-run', ACTION_ID.rerun, { value });
  }
}
