// Text that is safe inside a Markdown table cell: a `|` would end the cell and
// a newline the row. (compare-markdown.ts keeps a private copy of the same.)

export function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** `[text](url)` with the text escaped for a table cell, or the escaped text alone without a URL. */
export function linkCell(text: string, url: string | undefined): string {
  const safe = escapeCell(text).replace(/[[\]]/g, '\\$&');
  return url ? `[${safe}](${url.replace(/[()\s|]/g, percentEncode)})` : escapeCell(text);
}

/** encodeURIComponent leaves `(` and `)` alone, and in a link they would end the URL. */
function percentEncode(c: string): string {
  return c === '(' ? '%28' : c === ')' ? '%29' : encodeURIComponent(c);
}
