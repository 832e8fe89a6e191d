import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { alerts, digestItems, leads } from '../../schema/index.ts';
import type { Executor, Tx } from '../../client.ts';
import type { JobQueue } from '../../../jobs/queue.ts';
import { createDelivery } from './create-delivery.ts';

export interface DigestLine {
  itemId: string;
  alertId: string | null;
  kind: string | null;
  priority: string | null;
  leadName: string | null;
  alertReason: string | null;
  /** Why it went to the digest (cap reached, quiet hours past expiry, no channel). */
  reason: string;
}

const lineFields = {
  itemId: digestItems.id,
  alertId: digestItems.alertId,
  kind: alerts.kind,
  priority: alerts.priority,
  leadName: leads.name,
  alertReason: alerts.reason,
  reason: digestItems.reason,
  recipientId: digestItems.recipientId,
};

/** Agent digest items not yet handed to a digest delivery, grouped by agent, oldest first. */
export async function pendingAgentDigests(db: Executor, tenantId: string): Promise<Map<string, DigestLine[]>> {
  const rows = await db
    .select(lineFields)
    .from(digestItems)
    .leftJoin(alerts, eq(alerts.id, digestItems.alertId))
    .leftJoin(leads, eq(leads.id, alerts.leadId))
    .where(
      and(
        eq(digestItems.tenantId, tenantId),
        eq(digestItems.recipientKind, 'agent'),
        isNull(digestItems.sentAt),
        isNull(digestItems.deliveryId),
      ),
    )
    .orderBy(asc(digestItems.createdAt), asc(digestItems.id));
  const byAgent = new Map<string, DigestLine[]>();
  for (const { recipientId, ...line } of rows) byAgent.set(recipientId, [...(byAgent.get(recipientId) ?? []), line]);
  return byAgent;
}

/**
 * One digest delivery for these items: the row (keyed by the first item, so planning twice makes
 * one digest), its `alert.deliver` job, and the items marked as carried, all in the caller's
 * transaction.
 */
export async function createDigestDelivery(
  tx: Tx,
  queue: JobQueue,
  input: {
    tenantId: string;
    agentId: string;
    channel: 'slack' | 'discord' | 'sms' | 'email' | 'terminal';
    recipient: string;
    itemIds: string[];
    now: Date;
  },
): Promise<string | null> {
  const row = await createDelivery(tx, queue, {
    tenantId: input.tenantId,
    alertId: null,
    idempotencyKey: `digest:${input.agentId}:${input.itemIds[0]}`,
    channel: input.channel,
    recipient: input.recipient,
    recipientKind: 'agent',
    now: input.now,
  });
  if (!row) return null;
  // Carried by this delivery; `sentAt` is set when it actually goes out (settleDelivery).
  await tx
    .update(digestItems)
    .set({ deliveryId: row.id })
    .where(and(eq(digestItems.tenantId, input.tenantId), inArray(digestItems.id, input.itemIds)));
  return row.id;
}

export async function digestLinesForDelivery(
  db: Executor,
  tenantId: string,
  deliveryId: string,
): Promise<DigestLine[]> {
  const rows = await db
    .select(lineFields)
    .from(digestItems)
    .leftJoin(alerts, eq(alerts.id, digestItems.alertId))
    .leftJoin(leads, eq(leads.id, alerts.leadId))
    .where(and(eq(digestItems.tenantId, tenantId), eq(digestItems.deliveryId, deliveryId)))
    .orderBy(asc(digestItems.createdAt), asc(digestItems.id));
  return rows.map(({ recipientId: _r, ...line }) => line);
}

/** An alert held back for an agent's next digest (a cap was reached, or no channel reaches them). */
export async function addAgentDigestItem(
  db: Executor,
  input: { tenantId: string; agentId: string; alertId: string; reason: string },
): Promise<void> {
  await db.insert(digestItems).values({
    tenantId: input.tenantId,
    recipientKind: 'agent',
    recipientId: input.agentId,
    alertId: input.alertId,
    reason: input.reason,
  });
}

/** The digest went out: its items count as sent. */
export async function markDigestItemsSent(db: Executor, deliveryId: string, at: Date): Promise<void> {
  await db.update(digestItems).set({ sentAt: at }).where(eq(digestItems.deliveryId, deliveryId));
}

/** The digest failed for good: its items go back to wait for the next one instead of being dropped. */
export async function releaseDigestItems(db: Executor, deliveryId: string): Promise<void> {
  await db.update(digestItems).set({ deliveryId: null, sentAt: null }).where(eq(digestItems.deliveryId, deliveryId));
}
