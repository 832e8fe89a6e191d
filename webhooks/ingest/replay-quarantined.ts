import { and, eq, inArray } from 'drizzle-orm';
import { inboundEvents } from '../../db/schema/index.ts';
import { getInboundEvent, listInboundEvents, type InboundEvent } from '../../db/queries/inbound-events.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { classifyGhlDelivery } from './classify-ghl-delivery.ts';

export interface ReplayOutcome {
  id: string;
  status: 'accepted' | 'ignored' | 'quarantined' | 'skipped';
  reason?: string;
}

const REPLAYABLE = ['quarantined', 'ignored'] as const;

/** Quarantined (and, with `includeIgnored`, ignored) inbound events, newest first. */
export async function listQuarantined(
  runtime: Runtime,
  options: { includeIgnored?: boolean; limit?: number } = {},
): Promise<InboundEvent[]> {
  const q = await listInboundEvents(runtime.db, { status: 'quarantined', limit: options.limit ?? 500 });
  if (!options.includeIgnored) return q;
  const i = await listInboundEvents(runtime.db, { status: 'ignored', limit: options.limit ?? 500 });
  return [...q, ...i].sort((a, b) => b.receivedAt.getTime() - a.receivedAt.getTime());
}

/**
 * Re-reads each stored raw body and decides again with today's code and today's tenants: an event
 * quarantined for an unknown location is accepted once `tenant add --ghl-location` registered it.
 * The status flip and the enqueue share one transaction and the flip is conditional on the status
 * we read, so two concurrent replays cannot both enqueue the same event. Still-unresolvable events
 * stay quarantined with the fresh reason.
 * @example await replayQuarantined(runtime, { ids: ['…'] })  // no ids: every quarantined event
 */
export async function replayQuarantined(runtime: Runtime, options: { ids?: string[] } = {}): Promise<ReplayOutcome[]> {
  const rows = options.ids?.length
    ? (await Promise.all(options.ids.map((id) => getInboundEvent(runtime.db, id)))).map((r, i) => r ?? options.ids![i])
    : await listQuarantined(runtime, { limit: 10_000 });
  const outcomes: ReplayOutcome[] = [];
  for (const row of rows) {
    if (typeof row === 'string') {
      outcomes.push({ id: row, status: 'skipped', reason: 'no such inbound event' });
      continue;
    }
    if (!(REPLAYABLE as readonly string[]).includes(row.status)) {
      outcomes.push({
        id: row.id,
        status: 'skipped',
        reason: `status is ${row.status}; only quarantined or ignored events replay`,
      });
      continue;
    }
    outcomes.push(await replayOne(runtime, row));
  }
  return outcomes;
}

async function replayOne(runtime: Runtime, row: InboundEvent): Promise<ReplayOutcome> {
  let payload: unknown;
  try {
    payload = JSON.parse(row.rawBody);
  } catch {
    return { id: row.id, status: 'skipped', reason: 'stored body is not JSON' };
  }
  if (row.provider === 'crm') {
    // API events were validated and tenant-scoped at ingest; a replay just runs them again.
    return accept(runtime, row, row.tenantId!, 'crm.event');
  }
  if (row.provider !== 'ghl')
    return { id: row.id, status: 'skipped', reason: `provider ${row.provider} is replayed by its own command` };
  const verdict = await classifyGhlDelivery(runtime.db, payload, row.receivedAt);
  if (verdict.status === 'accepted') return accept(runtime, row, verdict.tenantId, 'ghl.event');
  await runtime.db
    .update(inboundEvents)
    .set({ status: verdict.status, reason: verdict.reason, tenantId: verdict.tenantId ?? row.tenantId })
    .where(and(eq(inboundEvents.id, row.id), inArray(inboundEvents.status, [...REPLAYABLE])));
  return { id: row.id, status: verdict.status, reason: verdict.reason };
}

async function accept(
  runtime: Runtime,
  row: InboundEvent,
  tenantId: string,
  queue: 'ghl.event' | 'crm.event',
): Promise<ReplayOutcome> {
  return runtime.db.transaction(async (tx) => {
    const flipped = await tx
      .update(inboundEvents)
      .set({ status: 'accepted', reason: 'replayed', tenantId })
      .where(and(eq(inboundEvents.id, row.id), eq(inboundEvents.status, row.status)))
      .returning({ id: inboundEvents.id });
    if (!flipped.length) return { id: row.id, status: 'skipped' as const, reason: 'changed by someone else meanwhile' };
    await runtime.queue.enqueue(queue, { inboundEventId: row.id }, { tx });
    return { id: row.id, status: 'accepted' as const };
  });
}
