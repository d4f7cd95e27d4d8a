// HTML for the site's pages, escaped in one place: every value interpolated
// into `html\`…\`` is escaped unless it is itself an `Html` made here (or by
// `trustedHtml`, for markup perflab makes, such as a chart's SVG).

export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

/** What may be interpolated: text (escaped), markup made by `html`, lists of either; nothing for null, undefined and false. */
export type HtmlValue = Html | string | number | null | undefined | false | readonly HtmlValue[];

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe for an element's content and for a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char]!);
}

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof Html) return value.text;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
  let text = strings[0]!;
  values.forEach((value, i) => {
    text += render(value) + strings[i + 1]!;
  });
  return new Html(text);
}

/** Markup perflab made itself (never text from a user, a suite or a commit). */
export function trustedHtml(text: string): Html {
  return new Html(text);
}

/**
 * Data for a page script, in `<script type="application/json">`: JSON with
 * `<`, `>` and `&` escaped so no value can close the script element.
 */
export function jsonScript(id: string, data: unknown): Html {
  const json = JSON.stringify(data).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return html`<script type="application/json" id="${id}">${trustedHtml(json)}</script>`;
}
