// POST /webhook: verify, drop duplicates, hand the push over, answer 202 at
// once (forges time out after ~10 s and then retry).
//
// Duplicate deliveries (a forge's redelivery keeps its delivery id) are
// remembered for the last 1000 deliveries only. That bound is safe: the
// watcher keeps a per-branch cursor (the last commit it took in), so even a
// forgotten duplicate — or a push the poller already saw — only re-polls a
// branch with nothing new on it.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { BoundedMap } from './bounded-map.js';
import { reply, replyError, replyTooLarge } from './http-reply.js';
import { readLimitedBody } from './read-limited-body.js';
import type { PushEvent } from '../triggers/webhook/push-delivery.js';
import { verifyPushDelivery } from '../triggers/webhook/verify-push-delivery.js';

export interface WebhookRoute {
  secret: string;
  maxBodyBytes: number;
  onPush: (push: PushEvent) => void | Promise<void>;
  log: (message: string) => void;
  /** Recent `provider:deliveryId`s. */
  deliveries: BoundedMap<true>;
}

export async function handleWebhook(route: WebhookRoute, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const from = request.socket.remoteAddress ?? 'unknown';
  const read = await readLimitedBody(request, route.maxBodyBytes);
  if (!read.ok) return replyTooLarge(request, response, route.maxBodyBytes);

  const delivery = verifyPushDelivery({ secret: route.secret }, request.headers, read.body);
  if (!delivery.ok) {
    if (delivery.status !== 202) route.log(`webhook refused (${delivery.status}) from ${from}: ${delivery.reason}`);
    return delivery.status === 202 ? reply(response, 202, { ignored: delivery.reason }) : replyError(response, delivery.status, delivery.reason);
  }

  const { push } = delivery;
  const { deliveries } = route;
  const key = `${push.provider}:${push.deliveryId}`;
  if (deliveries.has(key)) return reply(response, 200, { duplicate: true, deliveryId: push.deliveryId });
  deliveries.set(key, true);

  reply(response, 202, { accepted: true, deliveryId: push.deliveryId });
  route.log(`webhook: ${push.provider} push to ${push.repository.fullName} ${push.branch} → ${push.after.slice(0, 12)} (delivery ${push.deliveryId})`);
  try {
    await route.onPush(push);
  } catch (error) {
    // Not taken in: let the forge's redelivery (or the next poll) try again.
    deliveries.delete(key);
    route.log(`webhook: handling delivery ${push.deliveryId} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
