import { readInboundJson } from '../../../core/inbound/clean-inbound-text.ts';
import type { JobQueue } from '../../../jobs/queue.ts';
import type { Db } from '../../client.ts';
import {
  acceptReplayedEvent,
  getInboundEvent,
  listInboundEvents,
  reclassifyInboundEvent,
  type InboundEvent,
} from '../../queries/inbound-events.ts';
import { classifyGhlDelivery } from './classify-ghl-delivery.ts';
import { locationRecord } from '../../queries/crm-apply/locations.ts';

export interface ReplayOutcome {
  id: string;
  status: 'accepted' | 'ignored' | 'quarantined' | 'skipped';
  reason?: string;
}

type ReplayDeps = { db: Db; queue: JobQueue };

const REPLAYABLE = ['quarantined', 'ignored'] as const;

/** Quarantined (and, with `includeIgnored`, ignored) inbound events, newest first. */
export async function listQuarantined(
  deps: { db: Db },
  options: { includeIgnored?: boolean; limit?: number } = {},
): Promise<InboundEvent[]> {
  const q = await listInboundEvents(deps.db, { status: 'quarantined', limit: options.limit ?? 500 });
  if (!options.includeIgnored) return q;
  const i = await listInboundEvents(deps.db, { status: 'ignored', limit: options.limit ?? 500 });
  return [...q, ...i].sort((a, b) => b.receivedAt.getTime() - a.receivedAt.getTime());
}

/**
 * Re-reads each stored raw body and decides again with today's code and today's tenants: an event
 * quarantined for an unknown location is accepted once `tenant add --ghl-location` registered it.
 * The status flip and the enqueue share one transaction and the flip is conditional on the status
 * we read, so two concurrent replays cannot both enqueue the same event. Still-unresolvable events
 * stay quarantined with the fresh reason.
 * @example await replayQuarantined({ db, queue }, { ids: ['…'] })  // no ids: every quarantined event
 */
export async function replayQuarantined(deps: ReplayDeps, options: { ids?: string[] } = {}): Promise<ReplayOutcome[]> {
  const rows = options.ids?.length
    ? (await Promise.all(options.ids.map((id) => getInboundEvent(deps.db, id)))).map((r, i) => r ?? options.ids![i])
    : await listQuarantined(deps, { limit: 10_000 });
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
    outcomes.push(await replayOne(deps, row));
  }
  return outcomes;
}

async function replayOne(deps: ReplayDeps, row: InboundEvent): Promise<ReplayOutcome> {
  let payload: unknown;
  try {
    payload = readInboundJson(row.rawBody, 'stored body').value;
  } catch (error) {
    return { id: row.id, status: 'skipped', reason: (error as Error).message };
  }
  if (row.provider === 'crm') {
    // API events were validated and tenant-scoped at ingest; a replay just runs them again.
    return accept(deps, row, row.tenantId!, 'crm.event');
  }
  if (row.provider !== 'ghl')
    return { id: row.id, status: 'skipped', reason: `provider ${row.provider} is replayed by its own command` };
  // Judged by when we first received it: a replay must not turn a too-old event into a fresh one.
  const verdict = await classifyGhlDelivery((id) => locationRecord(deps.db, id), payload, row.receivedAt);
  if (verdict.status === 'accepted') return accept(deps, row, verdict.tenantId, 'ghl.event');
  await reclassifyInboundEvent(deps.db, row.id, [...REPLAYABLE], {
    status: verdict.status,
    reason: verdict.reason,
    tenantId: verdict.tenantId ?? row.tenantId,
  });
  return { id: row.id, status: verdict.status, reason: verdict.reason };
}

async function accept(
  deps: ReplayDeps,
  row: InboundEvent,
  tenantId: string,
  queue: 'ghl.event' | 'crm.event',
): Promise<ReplayOutcome> {
  return deps.db.transaction(async (tx) => {
    if (!(await acceptReplayedEvent(tx, { id: row.id, fromStatus: row.status, tenantId })))
      return { id: row.id, status: 'skipped' as const, reason: 'changed by someone else meanwhile' };
    await deps.queue.enqueue(queue, { inboundEventId: row.id }, { tx });
    return { id: row.id, status: 'accepted' as const };
  });
}
