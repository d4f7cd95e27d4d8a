import { isRecord } from '../api-params.js';
import type { View, ViewStateValues } from '../types.js';

/**
 * `view.state.values` for a submission: every input block of the view, with
 * what the person entered. A value given as an element state (`{ type, value }`)
 * is kept; a plain value (a string, or an array for multi-selects) is put in
 * the shape the element's type has in Slack. Inputs left empty get `null`s.
 */
export function viewStateValues(view: View, given: Record<string, Record<string, unknown>>): ViewStateValues {
  const values: ViewStateValues = {};
  for (const block of view.blocks) {
    if (block.type !== 'input' || !isRecord(block.element) || typeof block.block_id !== 'string') continue;
    const element = block.element;
    const actionId = String(element.action_id);
    const value = given[block.block_id]?.[actionId];
    values[block.block_id] = { [actionId]: isRecord(value) && typeof value.type === 'string' ? value : elementState(element, value) };
  }
  return values;
}

function elementState(element: Record<string, unknown>, value: unknown): Record<string, unknown> {
  const type = String(element.type);
  const text = value === undefined || value === null || value === '' ? null : String(value);
  const list = Array.isArray(value) ? value.map(String) : text === null ? [] : [text];
  switch (type) {
    case 'users_select':
      return { type, selected_user: text };
    case 'multi_users_select':
      return { type, selected_users: list };
    case 'conversations_select':
      return { type, selected_conversation: text };
    case 'channels_select':
      return { type, selected_channel: text };
    case 'static_select':
    case 'radio_buttons':
      return { type, selected_option: text === null ? null : optionOf(element, text) };
    case 'multi_static_select':
    case 'checkboxes':
      return { type, selected_options: list.map((v) => optionOf(element, v)) };
    case 'datepicker':
      return { type, selected_date: text };
    default:
      return { type, value: text };
  }
}

/** The option object Slack sends back: the one the element declared with that value. */
function optionOf(element: Record<string, unknown>, value: string): unknown {
  const groups = Array.isArray(element.option_groups) ? (element.option_groups as unknown[]).flatMap((g) => (isRecord(g) && Array.isArray(g.options) ? g.options : [])) : [];
  const options = [...(Array.isArray(element.options) ? (element.options as unknown[]) : []), ...groups];
  return options.find((o) => isRecord(o) && o.value === value) ?? { text: { type: 'plain_text', text: value }, value };
}
