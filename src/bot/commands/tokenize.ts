// Slash-command text → words. Slack hands us the text after `/perflab` with
// `&`, `<`, `>` escaped as entities, and people type on phones and Macs whose
// keyboards turn "quotes" into “smart quotes”; both are undone here so the
// grammar only ever sees plain words.

export interface Token {
  text: string;
  /** True when any part of the word was inside quotes: `"@x"` is a word, not a ref. */
  quoted: boolean;
}

export type TokenizeResult = { ok: true; tokens: Token[] } | { ok: false; error: string };

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>' };
const SMART_QUOTES: Record<string, string> = { '“': '"', '”': '"', '„': '"', '‘': "'", '’': "'", '‚': "'" };

/** Undoes Slack's entity escaping (one pass, so `&amp;lt;` stays `&lt;`) and straightens smart quotes. */
export function normalizeCommandText(text: string): string {
  return text.replace(/&(?:amp|lt|gt);/g, (entity) => ENTITIES[entity] ?? entity).replace(/[“”„‘’‚]/g, (q) => SMART_QUOTES[q] ?? q);
}

/**
 * Splits on whitespace outside quotes, like a shell without escapes: `"` and
 * `'` may open a quoted part anywhere in a word and each quotes the other.
 */
export function tokenize(normalized: string): TokenizeResult {
  const tokens: Token[] = [];
  let current: Token | null = null;
  let quote: string | null = null;
  for (const ch of normalized) {
    if (quote !== null) {
      // `current` is always set while a quote is open.
      if (ch === quote) quote = null;
      else if (current) current.text += ch;
      continue;
    }
    if (ch === '"' || ch === "'") {
      quote = ch;
      current ??= { text: '', quoted: true };
      current.quoted = true;
      continue;
    }
    if (/\s/.test(ch)) {
      if (current) tokens.push(current);
      current = null;
      continue;
    }
    current ??= { text: '', quoted: false };
    current.text += ch;
  }
  if (quote !== null) return { ok: false, error: `A quote is not closed: add the closing \`${quote}\`.` };
  if (current) tokens.push(current);
  return { ok: true, tokens };
}
