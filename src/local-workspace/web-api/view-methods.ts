import { optionalString, requiredString, type ApiParams } from '../api-params.js';
import { buildView, viewParam } from '../build-view.js';
import { SlackApiError } from '../slack-api-error.js';
import { toWireView } from '../to-wire.js';
import type { ApiContext, ApiMethod } from './api-method.js';

/** Slack keeps at most 3 modals on a stack. */
const MAX_STACK = 3;

export const viewMethods: Record<string, ApiMethod> = {
  'views.open': {
    token: 'bot',
    run: (params, context) => {
      const userId = redeemTrigger(params, context);
      const view = buildView(viewParam(params), context.state, { userId });
      context.state.views.open(view);
      return { view: toWireView(view) };
    },
  },

  'views.push': {
    token: 'bot',
    run: (params, context) => {
      const userId = redeemTrigger(params, context);
      const { views } = context.state;
      const top = views.top(userId);
      // views.push needs a modal to push onto.
      if (!top) throw new SlackApiError('not_found');
      if (views.depth(userId) >= MAX_STACK) throw new SlackApiError('push_limit_reached');
      const view = buildView(viewParam(params), context.state, { userId, rootViewId: top.root_view_id, previousViewId: top.id });
      views.push(view);
      return { view: toWireView(view) };
    },
  },

  'views.update': {
    token: 'bot',
    run: (params, context) => {
      const { views } = context.state;
      const viewId = optionalString(params, 'view_id');
      const externalId = optionalString(params, 'external_id');
      if (!viewId && !externalId) throw new SlackApiError('invalid_arguments', ['view_id or external_id is required']);
      const current = viewId ? views.find(viewId) : views.findByExternalId(externalId ?? '');
      if (!current) throw new SlackApiError('not_found');
      const hash = optionalString(params, 'hash');
      if (hash !== undefined && hash !== current.hash) throw new SlackApiError('hash_conflict');
      const view = buildView(viewParam(params), context.state, {
        userId: current.userId,
        id: current.id,
        rootViewId: current.root_view_id,
        previousViewId: current.previous_view_id,
      });
      views.replace(current.id, view);
      return { view: toWireView(view) };
    },
  },
};

function redeemTrigger(params: ApiParams, context: ApiContext): string {
  const redeemed = context.state.triggers.redeem(requiredString(params, 'trigger_id'));
  if ('error' in redeemed) throw new SlackApiError(redeemed.error);
  return redeemed.userId;
}
