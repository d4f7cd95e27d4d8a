// URLs may carry a user name and password (`https://x:token@host/…`, as some
// CIs write remotes): what perflab prints or sends on never does.

export function withoutCredentials(url: URL): URL {
  const copy = new URL(url);
  copy.username = '';
  copy.password = '';
  return copy;
}
