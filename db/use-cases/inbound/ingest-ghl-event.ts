import { readInboundJson } from '../../../core/inbound/clean-inbound-text.ts';
import type { FloodMeter } from '../../../core/inbound/flood-meter.ts';
import type { Clock } from '../../../core/time/clock.ts';
import type { JobQueue } from '../../../jobs/queue.ts';
import { ghlEventLane } from '../../../core/inbound/job-lane.ts';
import { crmEventContactId } from '../../../core/ghl/crm-event-contact.ts';
import type { Db } from '../../client.ts';
import { locationRecord } from '../../queries/crm-apply/locations.ts';
import { classifyGhlDelivery, describeGhlDelivery, type GhlVerdict } from './classify-ghl-delivery.ts';
import { createDirectWriter, type InboundWriter } from './inbound-writer.ts';
import type { LocationDirectory } from './location-directory.ts';

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

/** The pg-boss group of one GHL contact's events: they are applied one at a time, in order. */
function contactGroup(verdict: GhlVerdict): string | undefined {
  if (verdict.status !== 'accepted') return undefined;
  const contact = crmEventContactId(verdict.event);
  return contact ? `${verdict.event.locationId ?? ''}:${contact}` : undefined;
}

export interface IngestGhlDeps {
  db: Db;
  queue: JobQueue;
  clock: Clock;
  flood?: FloodMeter;
  /** The cached location lookup (default: read the database). */
  locations?: LocationDirectory;
  /** The group-commit writer (default: a transaction of its own). */
  writer?: InboundWriter;
}

/**
 * Stores one verified GHL delivery and, when it is for us, its `ghl.event` job in the SAME transaction, then says
 * what happened. No external call happens here: one cached location lookup, then the group-commit writer, which
 * shares one transaction among concurrent webhooks. Dedupe is the (provider, event_id) unique index: of five
 * concurrent deliveries of one webhookId exactly one insert wins and the others see `duplicate` (and enqueue
 * nothing). Events sent more than 72 h ago are stored as ignored. What a lead says or does goes in the fast lane
 * (core/inbound/job-lane.ts), in its contact's group so it never overtakes that contact's earlier events.
 * @example const { status } = await ingestGhlEvent({ db, queue, clock }, { rawBody, scheme: 'ed25519', headers })
 */
export async function ingestGhlEvent(deps: IngestGhlDeps, input: IngestGhlEventInput): Promise<IngestResult> {
  // Stored cleaned: PostgreSQL cannot hold U+0000, and the worker re-reads this text.
  const { text, value: payload } = readInboundJson(input.rawBody.toString('utf8'));
  const delivery = describeGhlDelivery(payload);
  const lookup = deps.locations
    ? (id: string) => deps.locations!.lookup(id)
    : (id: string) => locationRecord(deps.db, id);
  const verdict = flooded(deps, await classifyGhlDelivery(lookup, payload, deps.clock.now()));
  const accepted = verdict.status === 'accepted';
  const group = contactGroup(verdict);
  const writer = deps.writer ?? createDirectWriter(deps);
  const stored = await writer.write({
    event: {
      provider: 'ghl',
      eventId: delivery.eventId,
      type: delivery.type,
      signatureScheme: input.scheme,
      verified: true,
      rawBody: text,
      headers: input.headers,
      occurredAt: delivery.sentAt,
      status: verdict.status,
      reason: accepted ? null : verdict.reason,
      tenantId: verdict.tenantId ?? null,
    },
    job: { queue: 'ghl.event', lane: ghlEventLane(delivery.type ?? undefined), ...(group ? { group } : {}) },
  });
  if (stored.duplicate) return { status: 'duplicate', id: stored.id };
  return accepted
    ? { status: 'accepted', id: stored.id }
    : { status: verdict.status, id: stored.id, reason: verdict.reason };
}
