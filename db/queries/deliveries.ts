import { and, eq } from 'drizzle-orm';
import { deliveries } from '../schema/index.ts';
import type { Executor, Tx } from '../client.ts';
import type { JobQueue } from '../../jobs/queue.ts';

export type DeliveryRow = typeof deliveries.$inferSelect;

export interface CreateDeliveryInput {
  tenantId: string;
  alertId: string;
  channel: 'slack' | 'discord' | 'sms' | 'email' | 'terminal';
  recipient: string;
  recipientKind: 'agent' | 'lead' | 'channel';
  /** Quiet hours: the job waits until then. */
  sendAfter?: Date | null;
  /** Distinguishes a deliberate second send to the same place (an escalation re-notify). */
  attemptTag?: string;
}

export const deliveryKey = (i: Pick<CreateDeliveryInput, 'alertId' | 'channel' | 'recipient' | 'attemptTag'>): string =>
  [i.alertId, i.channel, i.recipient, i.attemptTag].filter(Boolean).join(':');

/**
 * One delivery per (alert, channel, recipient): the idempotency key is unique, so asking twice
 * creates one row and one `alert.deliver` job. Job and row commit together.
 */
export async function createDelivery(tx: Tx, queue: JobQueue, input: CreateDeliveryInput): Promise<DeliveryRow | null> {
  const idempotencyKey = deliveryKey(input);
  const [row] = await tx
    .insert(deliveries)
    .values({
      tenantId: input.tenantId,
      alertId: input.alertId,
      idempotencyKey,
      channel: input.channel,
      recipient: input.recipient,
      recipientKind: input.recipientKind,
      status: input.sendAfter ? 'deferred' : 'pending',
      sendAfter: input.sendAfter ?? null,
    })
    .onConflictDoNothing({ target: deliveries.idempotencyKey })
    .returning();
  if (!row) return null;
  await queue.enqueue(
    'alert.deliver',
    { tenantId: input.tenantId, deliveryId: row.id },
    { tx, ...(input.sendAfter ? { startAfter: input.sendAfter } : {}) },
  );
  return row;
}

export async function getDelivery(db: Executor, tenantId: string, id: string): Promise<DeliveryRow | undefined> {
  const [row] = await db
    .select()
    .from(deliveries)
    .where(and(eq(deliveries.tenantId, tenantId), eq(deliveries.id, id)));
  return row;
}

export async function deliveriesForAlert(db: Executor, tenantId: string, alertId: string): Promise<DeliveryRow[]> {
  return db
    .select()
    .from(deliveries)
    .where(and(eq(deliveries.tenantId, tenantId), eq(deliveries.alertId, alertId)));
}
