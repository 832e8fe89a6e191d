import { and, eq, inArray, isNotNull, isNull, lt, ne, or, type SQL } from 'drizzle-orm';
import { deliveries, inboundEvents, leadMessages } from '../../schema/index.ts';
import type { Executor } from '../../client.ts';

/**
 * Webhooks whose raw body has done its job. Not `accepted` (its job has not run yet), nor `quarantined` or
 * `ignored`: those are kept whole so `porchlight quarantine replay` can still apply them after an upgrade.
 */
const HANDLED_EVENTS = ['processed', 'failed', 'rejected'];
/** Deliveries that will not be sent (again) by themselves; pending, sending and deferred ones still need their text. */
const SETTLED_DELIVERIES = ['sent', 'delivered', 'failed', 'suppressed', 'undelivered'];

/** `null` scopes to rows of no tenant (unrouted or refused requests). */
const ofTenant = (column: typeof inboundEvents.tenantId | typeof deliveries.tenantId, tenantId: string | null) =>
  tenantId === null ? isNull(column) : eq(column, tenantId);

/** Blanks the raw body and headers of handled webhooks received before `before`; the rows stay. */
export async function pruneInboundBodies(
  db: Executor,
  input: { tenantId: string | null; before: Date },
): Promise<number> {
  const rows = await db
    .update(inboundEvents)
    .set({ rawBody: '', headers: {} })
    .where(
      and(
        ofTenant(inboundEvents.tenantId, input.tenantId),
        inArray(inboundEvents.status, HANDLED_EVENTS),
        lt(inboundEvents.receivedAt, input.before),
        ne(inboundEvents.rawBody, ''),
      ),
    )
    .returning({ id: inboundEvents.id });
  return rows.length;
}

/**
 * Blanks what settled deliveries created before `before` said: the composed text on the delivery and the
 * lead message (body, subject, HTML). Channel, recipient, status and times stay, so reports still count them.
 */
export async function pruneDeliveryPayloads(db: Executor, input: { tenantId: string; before: Date }): Promise<number> {
  const settledBefore: SQL = and(
    eq(deliveries.tenantId, input.tenantId),
    inArray(deliveries.status, SETTLED_DELIVERIES),
    lt(deliveries.createdAt, input.before),
  )!;
  const bodies = await db
    .update(deliveries)
    .set({ body: null })
    .where(and(settledBefore, isNotNull(deliveries.body)))
    .returning({ id: deliveries.id });
  const messages = await db
    .update(leadMessages)
    .set({ body: null, subject: null, html: null })
    .where(
      and(
        eq(leadMessages.tenantId, input.tenantId),
        inArray(leadMessages.deliveryId, db.select({ id: deliveries.id }).from(deliveries).where(settledBefore)),
        or(isNotNull(leadMessages.body), isNotNull(leadMessages.subject), isNotNull(leadMessages.html)),
      ),
    )
    .returning({ id: leadMessages.deliveryId });
  return new Set([...bodies.map((r) => r.id), ...messages.map((r) => r.id)]).size;
}
