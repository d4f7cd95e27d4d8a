// Where pushed results come from, as the CI's environment tells: which CI,
// the link to its run, and the repository's remote (never with credentials,
// which some CIs put in the remote URL).
import { git } from '../../engine/git/git.js';
import { withoutCredentials } from '../../engine/secret/without-credentials.js';

export interface CiRunInfo {
  provider: string;
  /** Link to the CI run, when the CI's environment gives one. */
  runUrl?: string;
}

export function ciRunInfo(env: NodeJS.ProcessEnv = process.env): CiRunInfo | undefined {
  if (env.GITHUB_ACTIONS === 'true') {
    const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: run } = env;
    return { provider: 'github-actions', ...(server && repo && run ? { runUrl: `${server}/${repo}/actions/runs/${run}` } : {}) };
  }
  if (env.GITLAB_CI) return { provider: 'gitlab-ci', ...(env.CI_JOB_URL ? { runUrl: env.CI_JOB_URL } : {}) };
  if (env.JENKINS_URL) return { provider: 'jenkins', ...(env.BUILD_URL ? { runUrl: env.BUILD_URL } : {}) };
  // Buildbot sets nothing by itself; the example step passes BUILDBOT_BUILD_URL (see examples/buildbot-step.py).
  if (Object.keys(env).some((key) => key.startsWith('BUILDBOT_'))) return { provider: 'buildbot', ...(env.BUILDBOT_BUILD_URL ? { runUrl: env.BUILDBOT_BUILD_URL } : {}) };
  return undefined;
}

/** `origin`'s URL without user name or password, or undefined when there is no `origin`. */
export async function repositoryUrl(repo: string): Promise<string | undefined> {
  let url: string;
  try {
    url = await git(repo, ['remote', 'get-url', 'origin']);
  } catch {
    return undefined;
  }
  try {
    return withoutCredentials(new URL(url)).href;
  } catch {
    return url; // scp-like `git@host:org/repo.git` or a path: nothing secret in it
  }
}
