import { AppError } from '../../core/errors/app-error.ts';
import type { GhlSignatureScheme } from '../../core/ghl/verify-ghl-signature.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { recordInboundEvent } from '../../db/queries/inbound-events.ts';
import { classifyGhlDelivery, describeGhlDelivery } from './classify-ghl-delivery.ts';

export type IngestStatus = 'accepted' | 'duplicate' | 'ignored' | 'quarantined';

export interface IngestResult {
  status: IngestStatus;
  /** Our inbound event id (the existing one for a duplicate). */
  id: string;
  reason?: string;
}

/** Headers worth keeping with the body for inspection; nothing here is a secret. */
const KEPT_HEADERS = ['content-type', 'user-agent', 'x-ghl-signature', 'x-wh-signature', 'x-request-id'];
export function keptHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    KEPT_HEADERS.filter((h) => headers[h] !== undefined).map((h) => [h, headers[h].slice(0, 1024)]),
  );
}

/**
 * Stores one verified GHL delivery and, when it is for us, its `ghl.event` job in the SAME
 * transaction, then says what happened. No external call happens here, so the answer is as fast
 * as one lookup and one commit. Dedupe is the (provider, event_id) unique index: of five
 * concurrent deliveries of one webhookId exactly one insert wins and the others see `duplicate`
 * (the loser's transaction enqueues nothing).
 * @example const { status } = await ingestGhlEvent(runtime, { rawBody, scheme: 'ed25519', headers })
 */
/** `internal`: replayed by a trusted local process (the demo through the admin token), not signed by GHL. */
export async function ingestGhlEvent(
  runtime: Runtime,
  input: { rawBody: Buffer; scheme: GhlSignatureScheme | 'internal'; headers: Record<string, string> },
): Promise<IngestResult> {
  const text = input.rawBody.toString('utf8');
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch (error) {
    throw new AppError('invalid_json', `Body is not valid JSON: ${(error as Error).message}`);
  }
  const delivery = describeGhlDelivery(payload);
  const verdict = await classifyGhlDelivery(runtime.db, payload, runtime.clock.now());
  const row = {
    provider: 'ghl',
    eventId: delivery.eventId,
    type: delivery.type,
    signatureScheme: input.scheme,
    verified: true,
    rawBody: text,
    headers: keptHeaders(input.headers),
    occurredAt: delivery.sentAt,
  };
  if (verdict.status !== 'accepted') {
    const stored = await recordInboundEvent(runtime.db, {
      ...row,
      status: verdict.status,
      reason: verdict.reason,
      tenantId: verdict.tenantId ?? null,
    });
    return stored.duplicate
      ? { status: 'duplicate', id: stored.id }
      : { status: verdict.status, id: stored.id, reason: verdict.reason };
  }
  return runtime.db.transaction(async (tx) => {
    const stored = await recordInboundEvent(tx, { ...row, status: 'accepted', tenantId: verdict.tenantId });
    if (stored.duplicate) return { status: 'duplicate' as const, id: stored.id };
    await runtime.queue.enqueue('ghl.event', { inboundEventId: stored.id }, { tx });
    return { status: 'accepted' as const, id: stored.id };
  });
}
