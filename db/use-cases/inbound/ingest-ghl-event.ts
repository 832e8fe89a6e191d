import { AppError } from '../../../core/errors/app-error.ts';
import type { Clock } from '../../../core/time/clock.ts';
import type { JobQueue } from '../../../jobs/queue.ts';
import type { Db } from '../../client.ts';
import { recordInboundEvent } from '../../queries/inbound-events.ts';
import { classifyGhlDelivery, describeGhlDelivery } from './classify-ghl-delivery.ts';

export type IngestStatus = 'accepted' | 'duplicate' | 'ignored' | 'quarantined';

export interface IngestResult {
  status: IngestStatus;
  /** Our inbound event id (the existing one for a duplicate). */
  id: string;
  reason?: string;
}

export interface IngestGhlEventInput {
  /** The verified bytes. */
  rawBody: Buffer;
  /** How the body was verified; `internal`: replayed by a trusted local process (the demo), not signed by GHL. */
  scheme: 'ed25519' | 'rsa-sha256' | 'internal';
  /** Headers worth keeping with the body (the caller chooses; nothing secret). */
  headers: Record<string, string>;
}

/**
 * Stores one verified GHL delivery and, when it is for us, its `ghl.event` job in the SAME
 * transaction, then says what happened. No external call happens here, so the answer is as fast
 * as one lookup and one commit. Dedupe is the (provider, event_id) unique index: of five
 * concurrent deliveries of one webhookId exactly one insert wins and the others see `duplicate`
 * (the loser's transaction enqueues nothing). Events sent more than 72 h ago are stored as ignored.
 * @example const { status } = await ingestGhlEvent({ db, queue, clock }, { rawBody, scheme: 'ed25519', headers })
 */
export async function ingestGhlEvent(
  deps: { db: Db; queue: JobQueue; clock: Clock },
  input: IngestGhlEventInput,
): Promise<IngestResult> {
  const text = input.rawBody.toString('utf8');
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch (error) {
    throw new AppError('invalid_json', `Body is not valid JSON: ${(error as Error).message}`);
  }
  const delivery = describeGhlDelivery(payload);
  const verdict = await classifyGhlDelivery(deps.db, payload, deps.clock.now());
  const row = {
    provider: 'ghl',
    eventId: delivery.eventId,
    type: delivery.type,
    signatureScheme: input.scheme,
    verified: true,
    rawBody: text,
    headers: input.headers,
    occurredAt: delivery.sentAt,
  };
  if (verdict.status !== 'accepted') {
    // One insert, no job: atomic on its own.
    const stored = await recordInboundEvent(deps.db, {
      ...row,
      status: verdict.status,
      reason: verdict.reason,
      tenantId: verdict.tenantId ?? null,
    });
    return stored.duplicate
      ? { status: 'duplicate', id: stored.id }
      : { status: verdict.status, id: stored.id, reason: verdict.reason };
  }
  return deps.db.transaction(async (tx) => {
    const stored = await recordInboundEvent(tx, { ...row, status: 'accepted', tenantId: verdict.tenantId });
    if (stored.duplicate) return { status: 'duplicate' as const, id: stored.id };
    await deps.queue.enqueue('ghl.event', { inboundEventId: stored.id }, { tx });
    return { status: 'accepted' as const, id: stored.id };
  });
}
