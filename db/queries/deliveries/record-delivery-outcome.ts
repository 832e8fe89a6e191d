import { eq } from 'drizzle-orm';
import { deliveries } from '../../schema/index.ts';
import type { Executor } from '../../client.ts';

export type DeliveryOutcomeFields = Partial<
  Pick<
    typeof deliveries.$inferInsert,
    'status' | 'providerMessageId' | 'ref' | 'error' | 'sendAfter' | 'sentAt' | 'statusAt'
  >
>;

/** Writes what one send attempt ended in, stamped with the injected clock. */
export async function recordDeliveryOutcome(
  db: Executor,
  id: string,
  fields: DeliveryOutcomeFields,
  now: Date,
): Promise<void> {
  await db
    .update(deliveries)
    .set({ ...fields, statusAt: fields.statusAt ?? now, updatedAt: now })
    .where(eq(deliveries.id, id));
}
