// A piece of what the user typed, safe to show back in an error: short,
// one line, inside a code span, with `&`, `<`, `>` escaped so that text like
// `<!channel>` can never turn into a mention when we answer.

const MAX_ECHO = 30; // code points

export function echoInput(text: string): string {
  if (text.length === 0) return '`""`';
  // eslint-disable-next-line no-control-regex -- control characters are what must not be echoed
  const points = Array.from(text.replace(/[\u0000-\u001F\u007F\u2028\u2029]/g, ' '));
  return codeSpan(points.length > MAX_ECHO ? `${points.slice(0, MAX_ECHO - 1).join('')}…` : points.join(''));
}

/** Inline code in mrkdwn: backticks would end the span, and `&<>` are Slack's control characters. */
export function codeSpan(text: string): string {
  return `\`${text.replace(/`/g, "'").replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}\``;
}
