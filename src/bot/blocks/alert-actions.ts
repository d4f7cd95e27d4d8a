// The buttons under an alert. Accepting and dismissing change what the team
// will be alerted about next, so both ask for confirmation first.
import type { ActionsBlock, Button } from '@slack/types';
import { button, confirmDialog } from './block-builders.js';
import { ACTION_ID, encodeButtonValue, type AlertAction, type SignPayload } from './button-value.js';
import { code } from './escape-mrkdwn.js';
import { plural } from './plural.js';
import { shortCommit } from './short-commit.js';
import { truncate } from './truncate.js';
import type { AlertView } from './alert-body.js';

/** Which buttons an alert offers while it is open. */
export function actionsFor(view: AlertView): AlertAction[] {
  switch (view.alert.kind) {
    case 'regression':
    case 'improvement':
    case 'drift':
      return ['accept', 'investigate', 'dismiss', 'rerun'];
    case 'finding':
      // A fuzz counterexample is a bug to fix or to know about; a stress failure can be re-run.
      return view.findings?.some((f) => f.mode === 'fuzz') ? ['investigate', 'known', 'dismiss'] : ['investigate', 'dismiss', 'rerun'];
    case 'build-failed':
      // The next commit is built anyway; there is nothing to re-run here.
      return ['investigate', 'dismiss'];
    default:
      // Nothing to accept when nothing was measured.
      return ['investigate', 'dismiss', 'rerun'];
  }
}

export function alertActions(view: AlertView, actions: readonly AlertAction[], sign?: SignPayload): ActionsBlock {
  return { type: 'actions', elements: actions.map((action) => alertButton(view, action, sign)) };
}

function alertButton(view: AlertView, action: AlertAction, sign?: SignPayload): Button {
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
    case 'known':
      return button('Mark as known', ACTION_ID.known, {
        value,
        confirm: confirmDialog('Mark as known?', 'The alert closes. perflab keeps counting the finding and tells you again only if it comes back after a fix.', 'Mark as known', 'Cancel', 'primary'),
      });
  }
}
