import { and, eq, inArray, lt, or, sql } from 'drizzle-orm';
import { deliveries } from '../../schema/index.ts';
import type { Executor } from '../../client.ts';
import type { DeliveryRow } from './get-delivery.ts';

/**
 * Statuses a send may start from. `failed` is there for a deliberate redrive (a replayed job);
 * `sent`, `delivered`, `suppressed` and the rest are settled for good.
 */
export const SENDABLE_STATUSES = ['pending', 'deferred', 'failed'] as const;

/**
 * Moves a delivery to `sending` (attempts + 1) in one statement, so of two attempts racing on one
 * message exactly one gets the row. A `sending` row is taken over only once its lease has run
 * out (`updated_at` older than `leaseMs`): its attempt died with its worker. `uncertain` (a message
 * that may have gone out before a crash) is taken only when an operator asked to send it again.
 * The new attempt has handed nothing over yet. Undefined when the row is settled, held by a live
 * attempt, or not there.
 */
export async function leaseDelivery(
  db: Executor,
  id: string,
  now: Date,
  leaseMs: number,
  options: { resendUncertain?: boolean } = {},
): Promise<DeliveryRow | undefined> {
  const free = or(
    inArray(deliveries.status, [...SENDABLE_STATUSES, ...(options.resendUncertain ? ['uncertain'] : [])]),
    and(eq(deliveries.status, 'sending'), lt(deliveries.updatedAt, new Date(now.getTime() - leaseMs))),
  );
  const [row] = await db
    .update(deliveries)
    .set({
      status: 'sending',
      attempts: sql`${deliveries.attempts} + 1`,
      handedOver: null,
      statusAt: now,
      updatedAt: now,
    })
    .where(and(eq(deliveries.id, id), free))
    .returning();
  return row;
}
