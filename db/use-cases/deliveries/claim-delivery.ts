import type { Clock } from '../../../core/time/clock.ts';
import type { Executor } from '../../client.ts';
import type { DeliveryRow } from '../../queries/deliveries/get-delivery.ts';
import { leaseDelivery } from '../../queries/deliveries/lease-delivery.ts';

/**
 * How long a `sending` row is held for the attempt that marked it, when several doors may send
 * one message (a lead's reply is sent right after its commit, and again by a retried job). A send
 * that said nothing for this long died with its worker: re-claiming it risks one duplicate text,
 * not re-claiming it would lose the message for good, and for a lead one late duplicate is the
 * lesser harm.
 */
export const SENDING_LEASE_MS = 2 * 60_000;

/**
 * Takes a delivery for one send attempt: marks it `sending` (attempts + 1) in its own committed
 * statement before any provider is called, so if this worker dies mid-send the next attempt knows
 * the message may already be out. Returns the claimed row, or undefined when it is settled or a
 * live attempt holds it. `leaseMs: 0` takes over any `sending` row: right for a queue that runs
 * one job per delivery and retries it only once its previous attempt is dead (`alert.deliver`).
 * `resendUncertain` also takes an `uncertain` row: only `porchlight deliveries resend` passes it.
 * @example const row = await claimDelivery({ db, clock }, { deliveryId, leaseMs: SENDING_LEASE_MS })
 */
export async function claimDelivery(
  deps: { db: Executor; clock: Clock },
  input: { deliveryId: string; leaseMs: number; resendUncertain?: boolean },
): Promise<DeliveryRow | undefined> {
  return leaseDelivery(deps.db, input.deliveryId, deps.clock.now(), input.leaseMs, {
    resendUncertain: input.resendUncertain,
  });
}
