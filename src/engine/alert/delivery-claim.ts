// Who may post an alert: a claim in the store (`Store.claimAlertDelivery`)
// makes the outbox of one process, of all the processes sharing a store, the
// one that posts it. lowdb checks it with this; PostgreSQL says the same in SQL.
import type { AlertDelivery } from '../model.js';

/** Whether a post may be claimed at `now` (ms): never tried, waiting for a retry, or claimed by someone whose claim ran out. */
export function deliveryClaimable(delivery: AlertDelivery | undefined, now: number): boolean {
  if (!delivery || delivery.state === 'pending') return true;
  if (delivery.state !== 'posting') return false;
  return delivery.claimedUntil === undefined || Date.parse(delivery.claimedUntil) < now;
}
