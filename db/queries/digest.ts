import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { alerts, deliveries, digestItems, leads } from '../schema/index.ts';
import type { Executor, Tx } from '../client.ts';
import type { JobQueue } from '../../jobs/queue.ts';

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
 * one digest), its `alert.deliver` job, and the items marked as carried, all in one transaction.
 */
export async function createDigestDelivery(
  tx: Tx,
  queue: JobQueue,
  input: {
    tenantId: string;
    agentId: string;
    channel: string;
    recipient: string;
    itemIds: string[];
    now: Date;
  },
): Promise<string | null> {
  const [row] = await tx
    .insert(deliveries)
    .values({
      tenantId: input.tenantId,
      alertId: null,
      idempotencyKey: `digest:${input.agentId}:${input.itemIds[0]}`,
      channel: input.channel,
      recipient: input.recipient,
      recipientKind: 'agent',
      status: 'pending',
      statusAt: input.now,
    })
    .onConflictDoNothing({ target: deliveries.idempotencyKey })
    .returning({ id: deliveries.id });
  if (!row) return null;
  // Carried by this delivery; `sentAt` is set when it actually goes out (alert.deliver).
  await tx
    .update(digestItems)
    .set({ deliveryId: row.id })
    .where(and(eq(digestItems.tenantId, input.tenantId), inArray(digestItems.id, input.itemIds)));
  await queue.enqueue('alert.deliver', { tenantId: input.tenantId, deliveryId: row.id }, { tx });
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
