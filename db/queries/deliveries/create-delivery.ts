import { deliveries } from '../../schema/index.ts';
import type { Executor, Tx } from '../../client.ts';
import type { JobQueue } from '../../../jobs/queue.ts';
import { deliveryJobGroup, deliveryJobPriority } from '../../../core/alerts/delivery-job-priority.ts';
import type { DeliveryRow } from './get-delivery.ts';

export interface CreateDeliveryInput {
  tenantId: string;
  /** Null for a message about no single alert (a digest, an answer when nothing was waiting). */
  alertId: string | null;
  channel: 'slack' | 'discord' | 'sms' | 'email' | 'terminal';
  recipient: string;
  recipientKind: 'agent' | 'lead' | 'channel';
  /** Quiet hours: the job waits until then. */
  sendAfter?: Date | null;
  /** Distinguishes a deliberate second send to the same place (an escalation re-notify). */
  attemptTag?: string;
  /** Replaces the (alert, channel, recipient) key for messages that are not alert copies. */
  idempotencyKey?: string;
  /** A plain text composed now (an agent's SMS answer); see `deliveries.body`. */
  body?: string;
  /** The injected clock's now: per-recipient caps count in the same time as everything else. */
  now?: Date;
  /** The alert's priority: its job is fetched ahead of less urgent ones that are due. */
  priority?: string | null;
}

export const deliveryKey = (i: Pick<CreateDeliveryInput, 'alertId' | 'channel' | 'recipient' | 'attemptTag'>): string =>
  [i.alertId, i.channel, i.recipient, i.attemptTag].filter(Boolean).join(':');

/**
 * One delivery per idempotency key (alert + channel + recipient unless given): asking twice creates
 * one row and one `alert.deliver` job, and the two commit together. Null when the key exists.
 * @example
 * await createDelivery(tx, queue, { tenantId, alertId, channel: 'slack', recipient: 'U1', recipientKind: 'agent' })
 */
export async function createDelivery(tx: Tx, queue: JobQueue, input: CreateDeliveryInput): Promise<DeliveryRow | null> {
  const row = await insertDelivery(tx, input);
  if (!row) return null;
  await queue.enqueue(
    'alert.deliver',
    { tenantId: input.tenantId, deliveryId: row.id },
    {
      tx,
      priority: deliveryJobPriority(input.priority),
      group: deliveryJobGroup(input.channel, input.recipient),
      ...(input.sendAfter ? { startAfter: input.sendAfter } : {}),
    },
  );
  return row;
}

/** The row alone, for a caller that sends it itself right after commit (a reply to a text). */
export async function insertDelivery(db: Executor, input: CreateDeliveryInput): Promise<DeliveryRow | null> {
  const [row] = await db
    .insert(deliveries)
    .values({
      tenantId: input.tenantId,
      alertId: input.alertId,
      idempotencyKey: input.idempotencyKey ?? deliveryKey(input),
      channel: input.channel,
      recipient: input.recipient,
      recipientKind: input.recipientKind,
      status: input.sendAfter ? 'deferred' : 'pending',
      sendAfter: input.sendAfter ?? null,
      body: input.body ?? null,
      statusAt: input.now ?? null,
    })
    .onConflictDoNothing({ target: deliveries.idempotencyKey })
    .returning();
  return row ?? null;
}
