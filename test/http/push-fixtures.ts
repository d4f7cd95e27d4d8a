// Push deliveries as GitHub, GitLab and Gitea send them (trimmed to the
// fields perflab reads plus a few it ignores), signed for real.
import { createHmac } from 'node:crypto';
import type { PushProvider } from '../../src/triggers/webhook/push-delivery.js';

export const SECRET = 'webhook-secret-for-tests';
export const BEFORE = '28e1879d029cb852e4844d9c718537df08844e03';
export const AFTER = 'bffeb74224043ba2feb48d137756c8a9331c449a';
export const ZEROS = '0000000000000000000000000000000000000000';

export function hubBody(overrides: Record<string, unknown> = {}): string {
  return JSON.stringify({
    ref: 'refs/heads/main',
    before: BEFORE,
    after: AFTER,
    commits: [{ id: AFTER, message: 'faster parse' }],
    repository: { full_name: 'acme/app', clone_url: 'https://github.com/acme/app.git', ssh_url: 'git@github.com:acme/app.git' },
    ...overrides,
  });
}

export function gitlabBody(overrides: Record<string, unknown> = {}): string {
  return JSON.stringify({
    object_kind: 'push',
    ref: 'refs/heads/main',
    before: BEFORE,
    after: AFTER,
    checkout_sha: AFTER,
    total_commits_count: 1,
    project: { path_with_namespace: 'acme/group/app', git_http_url: 'https://gitlab.example.com/acme/group/app.git', git_ssh_url: 'git@gitlab.example.com:acme/group/app.git' },
    ...overrides,
  });
}

export function bodyFor(provider: PushProvider, overrides: Record<string, unknown> = {}): string {
  return provider === 'gitlab' ? gitlabBody(overrides) : hubBody(overrides);
}

function hmac(body: string, secret: string): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}

/** The headers the forge sends with `body`, signed with `secret`. */
export function signedHeaders(provider: PushProvider, body: string, options: { secret?: string; event?: string; delivery?: string } = {}): Record<string, string> {
  const secret = options.secret ?? SECRET;
  const delivery = options.delivery ?? 'f6266f16-1bf3-46a5-9ea4-602e06ead473';
  const json = { 'content-type': 'application/json' };
  switch (provider) {
    case 'github':
      return { ...json, 'x-github-event': options.event ?? 'push', 'x-github-delivery': delivery, 'x-hub-signature-256': `sha256=${hmac(body, secret)}` };
    case 'gitea':
      // Gitea also sends GitHub's and Gogs' headers, for compatibility.
      return {
        ...json,
        'x-gitea-event': options.event ?? 'push',
        'x-gitea-delivery': delivery,
        'x-gitea-signature': hmac(body, secret),
        'x-github-event': options.event ?? 'push',
        'x-github-delivery': delivery,
        'x-gogs-event': options.event ?? 'push',
      };
    case 'gitlab':
      return { ...json, 'x-gitlab-event': options.event ?? 'Push Hook', 'x-gitlab-event-uuid': delivery, 'x-gitlab-token': secret };
  }
}

/** Each forge's name for the header that authenticates a delivery. */
export const AUTH_HEADER: Record<PushProvider, string> = { github: 'x-hub-signature-256', gitea: 'x-gitea-signature', gitlab: 'x-gitlab-token' };
