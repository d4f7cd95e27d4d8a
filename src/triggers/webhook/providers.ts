// How each forge signs and labels its webhook deliveries. GitHub and Gitea
// send an HMAC-SHA256 of the raw body keyed by the shared secret; GitLab has
// no HMAC and sends the secret itself in X-Gitlab-Token. Header names are
// lower case, as node:http gives them.
import { createHmac } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { constantTimeEqual } from '../../engine/secret/constant-time-equal.js';
import type { PushProvider } from './push-delivery.js';

export interface ProviderSpec {
  /** Names the event, e.g. `push`, `ping`, `Push Hook`. */
  eventHeader: string;
  /** The value of `eventHeader` for a push. */
  pushEvent: string;
  /** The delivery's id; a redelivery of the same event keeps it. */
  deliveryHeader: string;
  /** Carries the signature (or GitLab's token). */
  authHeader: string;
  authenticate(value: string, secret: string, body: Buffer): boolean;
}

function hmacHex(secret: string, body: Buffer): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}

export const PROVIDERS: Readonly<Record<PushProvider, ProviderSpec>> = {
  github: {
    eventHeader: 'x-github-event',
    pushEvent: 'push',
    deliveryHeader: 'x-github-delivery',
    authHeader: 'x-hub-signature-256',
    // `sha256=<hex>`; hex is case-insensitive.
    authenticate: (value, secret, body) => constantTimeEqual(value.toLowerCase(), `sha256=${hmacHex(secret, body)}`),
  },
  gitea: {
    eventHeader: 'x-gitea-event',
    pushEvent: 'push',
    deliveryHeader: 'x-gitea-delivery',
    authHeader: 'x-gitea-signature',
    authenticate: (value, secret, body) => constantTimeEqual(value.toLowerCase(), hmacHex(secret, body)),
  },
  gitlab: {
    eventHeader: 'x-gitlab-event',
    pushEvent: 'Push Hook',
    deliveryHeader: 'x-gitlab-event-uuid', // GitLab 15.x and later
    authHeader: 'x-gitlab-token',
    authenticate: (value, secret) => constantTimeEqual(value, secret),
  },
};

/** First value of a header, or undefined. */
export function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Which forge sent a delivery, from its event header. Gitea is asked first:
 * for compatibility it also sends `X-GitHub-Event` (and `X-Gogs-Event`).
 */
export function detectProvider(headers: IncomingHttpHeaders): PushProvider | undefined {
  const order: PushProvider[] = ['gitea', 'gitlab', 'github'];
  return order.find((provider) => header(headers, PROVIDERS[provider].eventHeader) !== undefined);
}
