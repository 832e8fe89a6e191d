import { randomUUID } from 'node:crypto';
import { and, eq, inArray, or, sql } from 'drizzle-orm';
import { inboundEvents } from '../../schema/index.ts';
import type { Executor } from '../../client.ts';
import { inboundEventValues, type RecordInboundEventInput } from '../inbound-events.ts';
import { rowsOf } from '../rows-of.ts';

export interface RecordedInboundEvent {
  id: string;
  /** Already stored (an earlier delivery, or an earlier row of this batch with the same provider and event id). */
  duplicate: boolean;
}

const keyOf = (provider: string, eventId: string) => `${provider}\u0000${eventId}`;

/**
 * Stores many inbound events with one INSERT; dedupe is the unique (provider, event_id) index, as for one row.
 * Returns one answer per input, in order. Of two rows of the batch with one key, the first is stored and the
 * second is its duplicate.
 */
export async function recordInboundEvents(
  db: Executor,
  inputs: readonly RecordInboundEventInput[],
): Promise<RecordedInboundEvent[]> {
  if (inputs.length === 0) return [];
  const values = inputs.map((input) => ({ id: randomUUID(), ...inboundEventValues(input) }));
  // One JSON parameter instead of a VALUES list: the query builder's cost grows with rows × columns and was the
  // largest part of a burst's CPU; JSON.stringify and PostgreSQL's JSON reader are far cheaper. Rows go in array
  // order, so `seq` keeps arrival order as before.
  const inserted = rowsOf<{ id: string; provider: string; eventId: string }>(
    await db.execute(sql`
      insert into inbound_events (id, provider, event_id, tenant_id, type, status, reason, signature_scheme,
        verified, raw_body, headers, occurred_at, order_key)
      select id, provider, "eventId", "tenantId", type, status, reason, "signatureScheme", verified, "rawBody",
        headers, "occurredAt", "orderKey"
      from json_to_recordset(${JSON.stringify(values)}::json) as row(id text, provider text, "eventId" text,
        "tenantId" text, type text, status text, reason text, "signatureScheme" text, verified boolean,
        "rawBody" text, headers jsonb, "occurredAt" timestamptz, "orderKey" text)
      on conflict (provider, event_id) do nothing
      returning id, provider, event_id as "eventId"`),
  );
  const fresh = new Map(inserted.map((row) => [keyOf(row.provider, row.eventId), row.id]));
  const missing = values.filter((v) => !fresh.has(keyOf(v.provider, v.eventId)));
  const existing = new Map<string, string>();
  if (missing.length > 0) {
    const byProvider = new Map<string, string[]>();
    for (const v of missing) byProvider.set(v.provider, [...(byProvider.get(v.provider) ?? []), v.eventId]);
    const rows = await db
      .select({ id: inboundEvents.id, provider: inboundEvents.provider, eventId: inboundEvents.eventId })
      .from(inboundEvents)
      .where(
        or(
          ...[...byProvider].map(([provider, eventIds]) =>
            and(eq(inboundEvents.provider, provider), inArray(inboundEvents.eventId, eventIds)),
          ),
        ),
      );
    for (const row of rows) existing.set(keyOf(row.provider, row.eventId), row.id);
  }
  const claimed = new Set<string>();
  return values.map((v) => {
    const key = keyOf(v.provider, v.eventId);
    const id = fresh.get(key);
    if (id !== undefined && !claimed.has(key)) {
      claimed.add(key);
      return { id, duplicate: false };
    }
    return { id: id ?? existing.get(key)!, duplicate: true };
  });
}
