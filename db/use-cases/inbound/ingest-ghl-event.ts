import { readInboundJson } from '../../../core/inbound/clean-inbound-text.ts';
import type { FloodMeter } from '../../../core/inbound/flood-meter.ts';
import type { Clock } from '../../../core/time/clock.ts';
import type { JobQueue } from '../../../jobs/queue.ts';
import type { Db } from '../../client.ts';
import { recordInboundEvent } from '../../queries/inbound-events.ts';
import { classifyGhlDelivery, describeGhlDelivery, type GhlVerdict } from './classify-ghl-delivery.ts';

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
 * A location past its per-minute cap is quarantined instead of queued: stored (durable, answered 200 so
 * GHL does not retry in a loop), visible in `quarantine list`, and applied when someone replays it.
 */
function flooded(deps: { clock: Clock; flood?: FloodMeter }, verdict: GhlVerdict): GhlVerdict {
  if (verdict.status !== 'accepted' || !deps.flood || !verdict.event.locationId) return verdict;
  const { over } = deps.flood.hit(verdict.event.locationId, deps.clock.now());
  if (!over) return verdict;
  return {
    status: 'quarantined',
    tenantId: verdict.tenantId,
    reason:
      `GHL location ${verdict.event.locationId} sent more than ${deps.flood.limitPerMinute} events this minute ` +
      '(a runaway workflow?); check it in GHL, then `porchlight quarantine replay`',
  };
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
  deps: { db: Db; queue: JobQueue; clock: Clock; flood?: FloodMeter },
  input: IngestGhlEventInput,
): Promise<IngestResult> {
  // Stored cleaned: PostgreSQL cannot hold U+0000, and the worker re-reads this text.
  const { text, value: payload } = readInboundJson(input.rawBody.toString('utf8'));
  const delivery = describeGhlDelivery(payload);
  const verdict = flooded(deps, await classifyGhlDelivery(deps.db, payload, deps.clock.now()));
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
