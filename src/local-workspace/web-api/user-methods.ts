import { requiredString } from '../api-params.js';
import { SlackApiError } from '../slack-api-error.js';
import type { WorkspaceUser } from '../types.js';
import type { ApiContext, ApiMethod } from './api-method.js';

export const userMethods: Record<string, ApiMethod> = {
  'users.info': {
    token: 'bot',
    run: (params, context) => {
      const user = context.state.directory.user(requiredString(params, 'user'));
      if (!user) throw new SlackApiError('user_not_found');
      return { user: toSlackUser(user, context) };
    },
  },

  'users.list': {
    token: 'bot',
    run: (_params, context) => ({
      members: context.state.directory.users().map((user) => toSlackUser(user, context)),
      response_metadata: { next_cursor: '' },
    }),
  },

  'usergroups.list': {
    token: 'bot',
    run: (_params, context) => ({
      usergroups: [...context.state.directory.usergroups()].map(([id, users]) => ({
        id,
        team_id: context.state.options.identity.teamId,
        // No separate handles here: a group is named by its ID.
        handle: id.toLowerCase(),
        name: id,
        user_count: users.length,
      })),
    }),
  },

  // Members of a usergroup: what the bot checks before letting someone accept a baseline.
  'usergroups.users.list': {
    token: 'bot',
    run: (params, context) => {
      const users = context.state.directory.usergroups().get(requiredString(params, 'usergroup'));
      if (!users) throw new SlackApiError('no_such_subteam');
      return { users };
    },
  },
};

function toSlackUser(user: WorkspaceUser, context: ApiContext): Record<string, unknown> {
  const { teamId, botId, appId } = context.state.options.identity;
  return {
    id: user.id,
    team_id: teamId,
    name: user.name,
    real_name: user.name,
    deleted: false,
    is_bot: user.isBot,
    is_admin: false,
    tz: 'UTC',
    profile: {
      real_name: user.name,
      display_name: user.name,
      ...(user.isBot ? { bot_id: botId, api_app_id: appId } : {}),
    },
  };
}
