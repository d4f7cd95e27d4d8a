// A push webhook, checked in the only safe order: authenticate the RAW bytes
// first (signature or token), then look at the event, then parse the body.
// Nothing from an unauthenticated request is parsed or acted on.
import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { PushDelivery, PushProvider } from './push-delivery.js';
import { detectProvider, header, PROVIDERS } from './providers.js';
import { readPushPayload } from './read-push-payload.js';

export interface WebhookConfig {
  /** The secret configured in the forge's webhook settings. */
  secret: string;
  /** Accept only this forge's deliveries; default: whichever forge the headers name. */
  provider?: PushProvider;
}

const ZERO_SHA = /^0+$/;
const BRANCH_REF = 'refs/heads/';

export function verifyPushDelivery(config: WebhookConfig, headers: IncomingHttpHeaders, rawBody: Buffer): PushDelivery {
  const provider = config.provider ?? detectProvider(headers);
  if (!provider) return { ok: false, status: 401, reason: 'no X-GitHub-Event, X-Gitea-Event or X-Gitlab-Event header: not a webhook delivery perflab can verify' };
  const spec = PROVIDERS[provider];

  const signature = header(headers, spec.authHeader);
  if (!signature) return { ok: false, status: 401, reason: `${provider} delivery without ${spec.authHeader}: set the webhook secret in the ${provider} webhook settings` };
  if (!spec.authenticate(signature, config.secret, rawBody)) {
    return { ok: false, status: 401, reason: `${spec.authHeader} does not match: wrong secret, or the body was altered` };
  }

  const event = header(headers, spec.eventHeader);
  if (event !== spec.pushEvent) {
    return { ok: false, status: 202, reason: event === 'ping' ? 'ping received: the webhook is set up' : `ignored "${event ?? '(none)'}" event: perflab acts on pushes only` };
  }

  let json: unknown;
  try {
    json = JSON.parse(rawBody.toString('utf8'));
  } catch (error) {
    return { ok: false, status: 400, reason: `body is not JSON (${(error as Error).message}); set the webhook's content type to application/json` };
  }
  const payload = readPushPayload(provider, json);
  if (!payload.ok) return { ok: false, status: 400, reason: payload.reason };
  const { ref, before, after, fullName, cloneUrls, commits } = payload.fields;

  if (!ref.startsWith(BRANCH_REF)) return { ok: false, status: 202, reason: `ignored push to ${ref}: not a branch` };
  const branch = ref.slice(BRANCH_REF.length);
  if (ZERO_SHA.test(after)) return { ok: false, status: 202, reason: `ignored deletion of branch ${branch}` };

  const deliveryId = header(headers, spec.deliveryHeader) ?? `sha256:${createHash('sha256').update(rawBody).digest('hex')}`;
  return {
    ok: true,
    push: { provider, deliveryId, repository: { cloneUrls, fullName }, branch, before, after, ...(commits !== undefined ? { commits } : {}) },
  };
}
