import { and, eq } from 'drizzle-orm';
import { deliveries } from '../../schema/index.ts';
import type { Executor } from '../../client.ts';

export type DeliveryRow = typeof deliveries.$inferSelect;

export async function getDelivery(db: Executor, tenantId: string, id: string): Promise<DeliveryRow | undefined> {
  const [row] = await db
    .select()
    .from(deliveries)
    .where(and(eq(deliveries.tenantId, tenantId), eq(deliveries.id, id)));
  return row;
}

/** Every copy of one alert (chat cards, texts, messages to the lead), in no particular order. */
export async function deliveriesForAlert(db: Executor, tenantId: string, alertId: string): Promise<DeliveryRow[]> {
  return db
    .select()
    .from(deliveries)
    .where(and(eq(deliveries.tenantId, tenantId), eq(deliveries.alertId, alertId)));
}

/** The one message an idempotency key names (a reply to inbound event X, a digest of items Y…). */
export async function deliveryByKey(db: Executor, idempotencyKey: string): Promise<DeliveryRow | undefined> {
  const [row] = await db.select().from(deliveries).where(eq(deliveries.idempotencyKey, idempotencyKey));
  return row;
}

export async function deliveryByProviderId(
  db: Executor,
  channel: string,
  providerMessageId: string,
): Promise<DeliveryRow | undefined> {
  const [row] = await db
    .select()
    .from(deliveries)
    .where(and(eq(deliveries.channel, channel), eq(deliveries.providerMessageId, providerMessageId)));
  return row;
}
