import { randomBytes } from 'node:crypto';
import { isRecord, optionalJson, type ApiParams } from './api-params.js';
import { MAX_VIEW_BLOCKS, normalizeBlocks } from './normalize-blocks.js';
import { SlackApiError } from './slack-api-error.js';
import type { PlainText, View } from './types.js';
import type { WorkspaceState } from './workspace-state.js';

/** Where the view goes: whose screen, and its place in that person's stack. */
export interface ViewPlacement {
  userId: string;
  /** Kept on views.update and response_action 'update'. */
  id?: string;
  rootViewId?: string;
  previousViewId?: string | null;
}

/** A modal from views.open/push/update or a `response_action` view, checked as Slack checks it. */
export function buildView(spec: unknown, state: WorkspaceState, placement: ViewPlacement): View {
  if (!isRecord(spec)) throw new SlackApiError('invalid_arguments', ['view must be an object']);
  if (spec.type !== 'modal') throw new SlackApiError('invalid_arguments', [`view.type must be 'modal' (got '${String(spec.type)}')`]);
  const title = plainText(spec.title, 'title', true);
  const submit = plainText(spec.submit, 'submit', false);
  const close = plainText(spec.close, 'close', false);
  const blocks = normalizeBlocks(spec.blocks ?? [], state.ids, MAX_VIEW_BLOCKS);
  if (!submit && blocks.some((b) => b.type === 'input')) {
    throw new SlackApiError('invalid_arguments', ['submit is required when an input block is within the blocks array [json-pointer:/view/submit]']);
  }
  const privateMetadata = stringField(spec, 'private_metadata', 3000);
  const id = placement.id ?? state.ids.view();
  const { identity } = state.options;
  return {
    id,
    team_id: identity.teamId,
    type: 'modal',
    title: title as PlainText,
    submit,
    close,
    blocks,
    private_metadata: privateMetadata,
    callback_id: stringField(spec, 'callback_id', 255),
    external_id: stringField(spec, 'external_id', 255),
    state: { values: {} },
    hash: `${(Date.now() / 1000).toFixed(6)}.${randomBytes(4).toString('hex')}`,
    clear_on_close: spec.clear_on_close === true,
    notify_on_close: spec.notify_on_close === true,
    root_view_id: placement.rootViewId ?? id,
    previous_view_id: placement.previousViewId ?? null,
    app_id: identity.appId,
    app_installed_team_id: identity.teamId,
    bot_id: identity.botId,
    userId: placement.userId,
  };
}

/** views.* take `view` as a JSON string (form bodies) or an object. */
export function viewParam(params: ApiParams): unknown {
  const view = optionalJson(params, 'view');
  if (view === undefined) throw new SlackApiError('invalid_arguments', ['missing required field: view']);
  return view;
}

function plainText(value: unknown, field: string, required: boolean): PlainText | null {
  if (value === undefined || value === null) {
    if (required) throw new SlackApiError('invalid_arguments', [`missing required field: ${field} [json-pointer:/view/${field}]`]);
    return null;
  }
  if (!isRecord(value) || value.type !== 'plain_text' || typeof value.text !== 'string') {
    throw new SlackApiError('invalid_arguments', [`must be a plain_text object [json-pointer:/view/${field}]`]);
  }
  // Slack's limit for modal title, submit and close labels.
  if (value.text.length > 24) throw new SlackApiError('invalid_arguments', [`must be less than 25 characters [json-pointer:/view/${field}/text]`]);
  return { type: 'plain_text', text: value.text, ...(value.emoji === undefined ? {} : { emoji: value.emoji === true }) };
}

function stringField(spec: Record<string, unknown>, field: string, max: number): string {
  const value = spec[field] ?? '';
  if (typeof value !== 'string') throw new SlackApiError('invalid_arguments', [`must be a string [json-pointer:/view/${field}]`]);
  if (value.length > max) throw new SlackApiError('invalid_arguments', [`must be less than ${max + 1} characters [json-pointer:/view/${field}]`]);
  return value;
}
