// Commits as people read them in a channel: ten hex digits are unique in any
// repository a team works in, and fit a field.

export function shortCommit(commit: string | null | undefined): string {
  return commit ? commit.slice(0, 10) : 'working tree';
}
