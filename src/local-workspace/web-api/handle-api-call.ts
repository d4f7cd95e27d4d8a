import type { ApiParams } from '../api-params.js';
import type { HttpAnswer } from '../http/http-answer.js';
import { SlackApiError } from '../slack-api-error.js';
import type { ApiContext, ApiMethod, TokenKind } from './api-method.js';
import { authMethods } from './auth-methods.js';
import { chatMethods } from './chat-methods.js';
import { conversationMethods } from './conversation-methods.js';
import { faultAnswer, type FaultInjector } from './fault-injector.js';
import { fileMethods } from './file-methods.js';
import { userMethods } from './user-methods.js';
import { viewMethods } from './view-methods.js';

export const API_METHODS: Record<string, ApiMethod> = {
  ...authMethods,
  ...chatMethods,
  ...conversationMethods,
  ...viewMethods,
  ...userMethods,
  ...fileMethods,
};

/**
 * One POST /api/<method>: unknown method, then authentication, then an
 * injected fault if one is queued, then the method. Slack answers HTTP 200
 * with `{ ok: false, error }` for every refusal except rate limiting.
 */
export async function handleApiCall(
  method: string,
  params: ApiParams,
  authorization: string | undefined,
  context: Omit<ApiContext, 'token'>,
  faults: FaultInjector,
): Promise<HttpAnswer> {
  const handler = Object.hasOwn(API_METHODS, method) ? API_METHODS[method] : undefined;
  if (!handler) return refuse(new SlackApiError('unknown_method'));

  // Slack takes the token from the Authorization header, or from a `token` form field.
  const bearer = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  const token = bearer ?? (typeof params.token === 'string' ? params.token : undefined);
  if (!token) return refuse(new SlackApiError('not_authed'));
  const kind = tokenKind(token, context);
  if (!kind) return refuse(new SlackApiError('invalid_auth'));
  if (handler.token !== 'any' && handler.token !== kind) return refuse(new SlackApiError('not_allowed_token_type'));

  const fault = faults.take(method);
  if (fault) return faultAnswer(fault);

  try {
    return { status: 200, body: { ok: true, ...(await handler.run(params, { ...context, token: kind })) } };
  } catch (error) {
    if (error instanceof SlackApiError) return refuse(error);
    // A bug here, not the caller's: answer at once (a 5xx would make the WebClient retry for minutes).
    const message = error instanceof Error ? error.message : String(error);
    return refuse(new SlackApiError('internal_error', [message]));
  }
}

function tokenKind(token: string, context: Omit<ApiContext, 'token'>): TokenKind | undefined {
  const { botToken, appToken } = context.state.options.identity;
  if (token === botToken) return 'bot';
  if (token === appToken) return 'app';
  return undefined;
}

function refuse(error: SlackApiError): HttpAnswer {
  return { status: 200, body: error.toBody() };
}
