import { and, eq, sql } from 'drizzle-orm';
import { deliveries } from '../../schema/index.ts';
import type { Executor } from '../../client.ts';
import type { DeliveryRow } from './get-delivery.ts';

/**
 * Provider statuses in the order a message lives them. Callbacks arrive out of order (Twilio says
 * so), so a status only moves forward: a late `sent` never overwrites `delivered`, and nothing a
 * provider says overrides our own `suppressed`.
 */
export const STATUS_RANK: Record<string, number> = {
  pending: 0,
  deferred: 0,
  sending: 1,
  sent: 2,
  failed: 3,
  undelivered: 3,
  delivered: 4,
  read: 5,
  suppressed: 9,
};
const rankOf = sql.raw(
  `(CASE "status" ${Object.entries(STATUS_RANK)
    .map(([s, r]) => `WHEN '${s}' THEN ${r}`)
    .join(' ')} ELSE 0 END)`,
);

/** Applies a provider status callback to the delivery with that provider id; false when it was stale or unknown. */
export async function applyProviderStatus(
  db: Executor,
  input: {
    channel: 'sms' | 'email';
    status: string;
    error?: string | null;
    at: Date;
  } & ({ providerMessageId: string } | { deliveryId: string }),
): Promise<DeliveryRow | undefined> {
  const rank = STATUS_RANK[input.status];
  if (rank === undefined) return undefined;
  const target =
    'deliveryId' in input
      ? eq(deliveries.id, input.deliveryId)
      : eq(deliveries.providerMessageId, input.providerMessageId);
  const [row] = await db
    .update(deliveries)
    .set({
      status: input.status,
      statusAt: input.at,
      updatedAt: input.at,
      ...(input.error ? { error: input.error } : {}),
    })
    .where(and(eq(deliveries.channel, input.channel), target, sql`${rankOf} < ${rank}`))
    .returning();
  return row;
}
