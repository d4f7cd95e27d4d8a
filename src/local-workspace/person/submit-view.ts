import { isRecord } from '../api-params.js';
import { buildView } from '../build-view.js';
import { LocalWorkspaceError, LocalWorkspaceErrorCode } from '../errors.js';
import { viewClosedPayload, viewSubmissionPayload } from '../socket-mode/payloads.js';
import type { View } from '../types.js';
import { requirePerson, type PersonContext } from './person-context.js';
import { viewStateValues } from './view-state-values.js';

export interface SubmitViewResult {
  /** The ack's response_action: 'errors', 'update', 'push' or 'clear'; absent when the app just acked (the modal closes). */
  response_action?: string;
  /** With 'errors': block_id → message, shown under the inputs. */
  errors?: Record<string, string>;
}

/**
 * A person presses Submit on a modal. `values` is block_id → action_id →
 * value (see viewStateValues for the accepted shapes). The ack decides what
 * happens next, as in Slack.
 */
export async function submitView(
  context: PersonContext,
  userId: string,
  viewId: string,
  values: Record<string, Record<string, unknown>>,
): Promise<SubmitViewResult> {
  const { state, socketMode } = context;
  const user = requirePerson(context, userId);
  const view = openView(context, userId, viewId);
  const submitted: View = { ...view, state: { values: viewStateValues(view, values) } };
  const ack = await socketMode.deliver(
    'interactive',
    viewSubmissionPayload({ identity: state.options.identity, user, view: submitted, triggerId: state.triggers.issue(userId) }),
  );

  const action = typeof ack.response_action === 'string' ? ack.response_action : undefined;
  const placement = { userId, rootViewId: view.root_view_id };
  switch (action) {
    case 'errors': {
      const errors = isRecord(ack.errors) ? Object.fromEntries(Object.entries(ack.errors).map(([k, v]) => [k, String(v)])) : {};
      state.views.replace(view.id, { ...submitted, errors });
      return { response_action: action, errors };
    }
    case 'update':
      state.views.replace(view.id, buildView(ack.view, state, { ...placement, id: view.id, previousViewId: view.previous_view_id }));
      return { response_action: action };
    case 'push':
      state.views.replace(view.id, submitted);
      state.views.push(buildView(ack.view, state, { ...placement, previousViewId: view.id }));
      return { response_action: action };
    case 'clear':
      state.views.clear(userId);
      return { response_action: action };
    default:
      state.views.close(userId, view.id);
      return {};
  }
}

/**
 * A person presses Cancel (or ×). The app hears of it only if the view asked
 * for `notify_on_close`.
 */
export async function closeView(context: PersonContext, userId: string, viewId: string): Promise<void> {
  const { state, socketMode } = context;
  const user = requirePerson(context, userId);
  const view = openView(context, userId, viewId);
  state.views.close(userId, view.id);
  if (view.notify_on_close) {
    await socketMode.deliver('interactive', viewClosedPayload({ identity: state.options.identity, user, view }));
  }
}

function openView(context: PersonContext, userId: string, viewId: string): View {
  const view = context.state.views.find(viewId);
  if (!view || view.userId !== userId) throw new LocalWorkspaceError(LocalWorkspaceErrorCode.NotFound, `no view ${viewId} open for ${userId}`);
  return view;
}
