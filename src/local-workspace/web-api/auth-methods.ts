import type { ApiMethod } from './api-method.js';

export const authMethods: Record<string, ApiMethod> = {
  'auth.test': {
    token: 'any',
    run: (_params, { state, urls, token }) => {
      const id = state.options.identity;
      const team = { url: `${urls.base}/`, team: id.teamDomain, team_id: id.teamId, is_enterprise_install: false };
      return token === 'bot'
        ? { ...team, user: id.botName, user_id: id.botUserId, bot_id: id.botId }
        : { ...team, app_id: id.appId };
    },
  },

  // https://docs.slack.dev/reference/methods/apps.connections.open — app-level token only.
  'apps.connections.open': {
    token: 'app',
    run: (_params, { openSocketUrl }) => ({ url: openSocketUrl() }),
  },
};
