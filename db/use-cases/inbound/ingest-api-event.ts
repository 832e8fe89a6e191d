import type { ApiCrmEvent } from '../../../core/ghl/api-crm-event.ts';
import type { JobQueue } from '../../../jobs/queue.ts';
import type { Db } from '../../client.ts';
import { recordInboundEvent } from '../../queries/inbound-events.ts';

/**
 * Stores one generic CRM event (docs/crm-events.md) with its `crm.event` job in one transaction.
 * The caller has validated the body against `ApiCrmEvent` (the route's schema answers 422 naming
 * the field), so nothing is stored that would only be quarantined later; the exact bytes are
 * stored with it. Event ids are the caller's and are scoped to the tenant: two tenants may reuse
 * an id, one tenant resending an id is a duplicate.
 * @example await ingestApiEvent({ db, queue }, { tenantId, event: c.req.valid('json'), rawBody })
 */
export async function ingestApiEvent(
  deps: { db: Db; queue: JobQueue },
  input: { tenantId: string; event: ApiCrmEvent; rawBody: string },
): Promise<{ status: 'accepted' | 'duplicate'; id: string }> {
  const { event } = input;
  return deps.db.transaction(async (tx) => {
    const stored = await recordInboundEvent(tx, {
      provider: 'crm',
      eventId: `${input.tenantId}:${event.id}`,
      tenantId: input.tenantId,
      type: event.type,
      status: 'accepted',
      signatureScheme: 'api_key',
      verified: true,
      rawBody: input.rawBody,
      occurredAt: new Date(event.occurredAt),
    });
    if (stored.duplicate) return { status: 'duplicate' as const, id: stored.id };
    await deps.queue.enqueue('crm.event', { inboundEventId: stored.id }, { tx });
    return { status: 'accepted' as const, id: stored.id };
  });
}
