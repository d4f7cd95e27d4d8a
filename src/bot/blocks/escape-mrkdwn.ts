// Slack parses `&`, `<` and `>` in every mrkdwn text (code blocks included):
// unescaped, `<!channel>` in a case name or an error message would ping a
// whole channel. Everything that did not come from perflab itself goes
// through here before it lands in mrkdwn.

export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Inline code: backticks inside would end the span early, so they become look-alikes. */
export function code(text: string): string {
  return `\`${escapeMrkdwn(text.replace(/`/g, 'ˋ').replace(/\s+/g, ' '))}\``;
}

/** A ``` block; a run of backticks inside would close it, so backticks become look-alikes. */
export function codeBlock(text: string): string {
  return `\`\`\`${escapeMrkdwn(text.replace(/`/g, 'ˋ'))}\`\`\``;
}
