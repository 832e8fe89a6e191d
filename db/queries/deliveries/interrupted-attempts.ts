import { and, desc, eq } from 'drizzle-orm';
import { deliveries } from '../../schema/index.ts';
import type { Executor } from '../../client.ts';
import type { DeliveryRow } from './get-delivery.ts';

/**
 * Stamps the attempt that holds the row (`sending`, this attempt number) with a hash of exactly what it
 * is about to hand the provider. Its own committed statement, made before the call: a crash after it
 * leaves the hash for the next attempt to look for; a crash before it leaves none, so nothing went out.
 */
export async function markHandedOver(
  db: Executor,
  claimed: Pick<DeliveryRow, 'id' | 'attempts'>,
  fingerprint: string,
  now: Date,
): Promise<void> {
  await db
    .update(deliveries)
    .set({ handedOver: fingerprint, updatedAt: now })
    .where(
      and(eq(deliveries.id, claimed.id), eq(deliveries.status, 'sending'), eq(deliveries.attempts, claimed.attempts)),
    );
}

/**
 * Settles an interrupted attempt as `uncertain`: it may or may not have reached the provider, and
 * nothing will send it again but an operator. Only the attempt that was found `sending` is settled
 * (false when another attempt took or settled the row meanwhile).
 */
export async function markUncertain(
  db: Executor,
  interrupted: Pick<DeliveryRow, 'id' | 'attempts'>,
  reason: string,
  now: Date,
): Promise<boolean> {
  const rows = await db
    .update(deliveries)
    .set({ status: 'uncertain', error: reason, statusAt: now, updatedAt: now })
    .where(
      and(
        eq(deliveries.id, interrupted.id),
        eq(deliveries.status, 'sending'),
        eq(deliveries.attempts, interrupted.attempts),
      ),
    )
    .returning({ id: deliveries.id });
  return rows.length > 0;
}

/** A team's deliveries in one status, newest first (`porchlight deliveries list --status uncertain`). */
export async function deliveriesInStatus(
  db: Executor,
  tenantId: string,
  status: string,
  limit = 200,
): Promise<DeliveryRow[]> {
  return db
    .select()
    .from(deliveries)
    .where(and(eq(deliveries.tenantId, tenantId), eq(deliveries.status, status)))
    .orderBy(desc(deliveries.statusAt))
    .limit(limit);
}
