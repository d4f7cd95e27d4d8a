// The fields perflab needs from a push payload, checked. GitHub and Gitea
// share a shape (`repository.clone_url`, `ssh_url`, `full_name`); GitLab
// names them differently (`project.git_http_url`, `git_ssh_url`,
// `path_with_namespace`) and counts commits in `total_commits_count`.
import { z } from 'zod';
import { firstIssue } from '../../engine/config/first-issue.js';
import type { PushProvider } from './push-delivery.js';

export interface PushFields {
  ref: string;
  before: string;
  after: string;
  fullName: string;
  cloneUrls: string[];
  commits?: number;
}

const hubPush = z
  .object({
    ref: z.string(),
    before: z.string(),
    after: z.string(),
    commits: z.array(z.unknown()).optional(),
    repository: z.object({
      full_name: z.string(),
      clone_url: z.string().optional(),
      ssh_url: z.string().optional(),
    }),
  })
  .transform(({ ref, before, after, commits, repository }): PushFields => ({
    ref,
    before,
    after,
    fullName: repository.full_name,
    cloneUrls: present([repository.clone_url, repository.ssh_url]),
    ...(commits ? { commits: commits.length } : {}),
  }));

const gitlabPush = z
  .object({
    ref: z.string(),
    before: z.string(),
    after: z.string(),
    total_commits_count: z.number().int().nonnegative().optional(),
    project: z.object({
      path_with_namespace: z.string(),
      git_http_url: z.string().optional(),
      git_ssh_url: z.string().optional(),
    }),
  })
  .transform(({ ref, before, after, total_commits_count, project }): PushFields => ({
    ref,
    before,
    after,
    fullName: project.path_with_namespace,
    cloneUrls: present([project.git_http_url, project.git_ssh_url]),
    ...(total_commits_count !== undefined ? { commits: total_commits_count } : {}),
  }));

export type PushPayloadReading = { ok: true; fields: PushFields } | { ok: false; reason: string };

export function readPushPayload(provider: PushProvider, json: unknown): PushPayloadReading {
  const parsed = (provider === 'gitlab' ? gitlabPush : hubPush).safeParse(json);
  return parsed.success ? { ok: true, fields: parsed.data } : { ok: false, reason: `not a push payload: ${firstIssue(parsed.error)}` };
}

function present(values: (string | undefined)[]): string[] {
  return values.filter((v): v is string => typeof v === 'string' && v.length > 0);
}
