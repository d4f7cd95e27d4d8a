import { optionalString, isRecord, type ApiParams } from '../api-params.js';
import { LocalWorkspaceError } from '../errors.js';
import type { SubmitViewResult } from '../person/submit-view.js';
import type { Message } from '../types.js';
import type { HttpAnswer } from './http-answer.js';

/** What a person can do; the page's calls go through the same methods tests use. */
export interface PersonActions {
  slashCommand(userId: string, text: string, command?: string): Promise<{ ephemeral: Message[] }>;
  clickButton(userId: string, channel: string, ts: string, actionId: string): Promise<void>;
  submitView(userId: string, viewId: string, values: Record<string, Record<string, unknown>>): Promise<SubmitViewResult>;
  closeView(userId: string, viewId: string): Promise<void>;
}

/** POST /local/<action> from the page: 'command', 'click', 'submit', 'close-view'. */
export async function handlePageAction(person: PersonActions, action: string, params: ApiParams): Promise<HttpAnswer> {
  const user = optionalString(params, 'user') ?? '';
  try {
    switch (action) {
      case 'command': {
        // The page sends the line as typed: "/perflab compare main my-branch".
        const match = /^(\/\S+)\s*([\s\S]*)$/.exec((optionalString(params, 'line') ?? '').trim());
        if (!match?.[1]) return { status: 400, body: { ok: false, error: 'not_a_command' } };
        await person.slashCommand(user, match[2] ?? '', match[1]);
        return { status: 200, body: { ok: true } };
      }
      case 'click':
        await person.clickButton(user, optionalString(params, 'channel') ?? '', optionalString(params, 'ts') ?? '', optionalString(params, 'actionId') ?? '');
        return { status: 200, body: { ok: true } };
      case 'submit': {
        const values = isRecord(params.values) ? (params.values as Record<string, Record<string, unknown>>) : {};
        return { status: 200, body: { ok: true, ...(await person.submitView(user, optionalString(params, 'viewId') ?? '', values)) } };
      }
      case 'close-view':
        await person.closeView(user, optionalString(params, 'viewId') ?? '');
        return { status: 200, body: { ok: true } };
      default:
        return { status: 404, body: { ok: false, error: 'unknown_action' } };
    }
  } catch (error) {
    // The person already sees Slack's own message where there is one (dispatch_failed, …); the page shows this too.
    const code = error instanceof LocalWorkspaceError ? error.code : 'error';
    return { status: 200, body: { ok: false, error: code, message: error instanceof Error ? error.message : String(error) } };
  }
}
