import { AppError } from '../../core/errors/app-error.ts';
import { ApiCrmEvent } from '../../core/ghl/api-crm-event.ts';
import { recordInboundEvent } from '../../db/queries/inbound-events.ts';
import type { Runtime } from '../../jobs/runtime.ts';

/**
 * Stores one generic CRM event (docs/crm-events.md) with its `crm.event` job in one transaction.
 * The body is validated before storing, so the caller learns at once what is wrong (422 naming
 * the field) instead of finding a quarantined event later. Event ids are the caller's and are
 * scoped to the tenant: two tenants may reuse an id, one tenant resending an id is a duplicate.
 */
export async function ingestApiEvent(
  runtime: Runtime,
  input: { tenantId: string; rawBody: string },
): Promise<{ status: 'accepted' | 'duplicate'; id: string }> {
  let body: unknown;
  try {
    body = JSON.parse(input.rawBody);
  } catch (error) {
    throw new AppError('invalid_json', `Body is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = ApiCrmEvent.safeParse(body);
  if (!parsed.success) {
    throw new AppError(
      'validation_failed',
      parsed.error.issues
        .slice(0, 10)
        .map((i) => `${i.path.join('.') || 'body'}: ${i.message}`)
        .join('; '),
    );
  }
  return runtime.db.transaction(async (tx) => {
    const stored = await recordInboundEvent(tx, {
      provider: 'crm',
      eventId: `${input.tenantId}:${parsed.data.id}`,
      tenantId: input.tenantId,
      type: parsed.data.type,
      status: 'accepted',
      signatureScheme: 'api_key',
      verified: true,
      rawBody: input.rawBody,
      occurredAt: new Date(parsed.data.occurredAt),
    });
    if (stored.duplicate) return { status: 'duplicate' as const, id: stored.id };
    await runtime.queue.enqueue('crm.event', { inboundEventId: stored.id }, { tx });
    return { status: 'accepted' as const, id: stored.id };
  });
}
