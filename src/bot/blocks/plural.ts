// `1 case`, `3 cases`: counts in headers and summaries read as English.

export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}
