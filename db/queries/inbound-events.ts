import { and, desc, eq, inArray } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { inboundEvents } from '../schema/index.ts';
import type { Executor } from '../client.ts';

export type InboundEvent = typeof inboundEvents.$inferSelect;
const REJECTED_BODY_CHARS = 4096;
const HEADER_VALUE_CHARS = 1024;

export type InboundStatus = 'accepted' | 'ignored' | 'quarantined' | 'processed' | 'failed' | 'rejected';

export interface RecordInboundEventInput {
  provider: string;
  /** The provider's own id for dedupe; absent for rejected requests (kept for inspection, never deduped). */
  eventId?: string;
  tenantId?: string | null;
  type?: string | null;
  status: InboundStatus;
  reason?: string | null;
  signatureScheme?: string | null;
  verified: boolean;
  rawBody: string;
  headers?: Record<string, string>;
  occurredAt?: Date | null;
  /** Events with one key are applied in arrival order (a GHL contact's: its job's pg-boss group). */
  orderKey?: string | null;
}

/**
 * Stores an inbound webhook with its raw body. Dedupe is the unique (provider, event_id) index:
 * concurrent deliveries of one event race on the insert and exactly one wins, so `duplicate`
 * is decided by the database, not by a read-then-write.
 */
export async function recordInboundEvent(
  db: Executor,
  input: RecordInboundEventInput,
): Promise<{ id: string; duplicate: boolean }> {
  const [row] = await db
    .insert(inboundEvents)
    .values(inboundEventValues(input))
    .onConflictDoNothing({ target: [inboundEvents.provider, inboundEvents.eventId] })
    .returning({ id: inboundEvents.id });
  if (row) return { id: row.id, duplicate: false };
  const [existing] = await db
    .select({ id: inboundEvents.id })
    .from(inboundEvents)
    .where(and(eq(inboundEvents.provider, input.provider), eq(inboundEvents.eventId, input.eventId!)));
  return { id: existing.id, duplicate: true };
}

/** The row as stored: bounded where the sender was anonymous, and without what PostgreSQL text cannot hold. */
export function inboundEventValues(input: RecordInboundEventInput): typeof inboundEvents.$inferInsert {
  // A refused request is unauthenticated: keep enough to inspect it (4 KiB), not whatever an anonymous sender
  // chose to upload.
  const body = input.status === 'rejected' ? input.rawBody.slice(0, REJECTED_BODY_CHARS) : input.rawBody;
  return {
    provider: input.provider,
    eventId: input.eventId ?? `rejected:${randomUUID()}`,
    tenantId: input.tenantId ?? null,
    type: input.type ?? null,
    status: input.status,
    reason: input.reason ?? null,
    signatureScheme: input.signatureScheme ?? null,
    verified: input.verified,
    rawBody: body.replace(/\0/g, '\uFFFD'),
    headers: cappedHeaders(input.headers),
    occurredAt: input.occurredAt ?? null,
    orderKey: input.orderKey ?? null,
  };
}

// Header values come from whoever sent the request: kept for inspection, at a bounded size.
function cappedHeaders(headers: Record<string, string> = {}): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([k, v]) => [k, v.slice(0, HEADER_VALUE_CHARS).replace(/\0/g, '\uFFFD')]),
  );
}

export async function getInboundEvent(db: Executor, id: string): Promise<InboundEvent | undefined> {
  const [row] = await db.select().from(inboundEvents).where(eq(inboundEvents.id, id));
  return row;
}

export async function markInboundEvent(
  db: Executor,
  id: string,
  status: InboundStatus,
  fields: { reason?: string | null; tenantId?: string | null; processedAt?: Date } = {},
): Promise<void> {
  await db
    .update(inboundEvents)
    .set({ status, ...fields })
    .where(eq(inboundEvents.id, id));
}

export async function listInboundEvents(
  db: Executor,
  filter: { status?: InboundStatus; provider?: string; limit?: number },
): Promise<InboundEvent[]> {
  const conditions = [
    filter.status && eq(inboundEvents.status, filter.status),
    filter.provider && eq(inboundEvents.provider, filter.provider),
  ].filter(Boolean);
  return db
    .select()
    .from(inboundEvents)
    .where(conditions.length ? and(...(conditions as never[])) : undefined)
    .orderBy(desc(inboundEvents.receivedAt))
    .limit(filter.limit ?? 100);
}

/**
 * Records a fresh verdict on a stored event, only while it still has one of `fromStatuses`: a
 * concurrent replay or worker that moved it meanwhile wins.
 */
export async function reclassifyInboundEvent(
  db: Executor,
  id: string,
  fromStatuses: InboundStatus[],
  verdict: { status: InboundStatus; reason: string | null; tenantId: string | null },
): Promise<void> {
  await db
    .update(inboundEvents)
    .set(verdict)
    .where(and(eq(inboundEvents.id, id), inArray(inboundEvents.status, fromStatuses)));
}

/**
 * Flips a replayed event to `accepted` if it still has the status we read. The conditional update
 * is the lock: of two concurrent replays exactly one sees a row come back and enqueues.
 */
export async function acceptReplayedEvent(
  db: Executor,
  input: { id: string; fromStatus: string; tenantId: string },
): Promise<boolean> {
  const flipped = await db
    .update(inboundEvents)
    .set({ status: 'accepted', reason: 'replayed', tenantId: input.tenantId })
    .where(and(eq(inboundEvents.id, input.id), eq(inboundEvents.status, input.fromStatus)))
    .returning({ id: inboundEvents.id });
  return flipped.length > 0;
}
