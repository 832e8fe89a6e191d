import { and, asc, eq, inArray, lte } from 'drizzle-orm';
import { inboundEvents } from '../../schema/index.ts';
import type { Executor } from '../../client.ts';
import type { InboundEvent } from '../inbound-events.ts';

/**
 * Events of this one's order key (its GHL contact) not applied yet, up to and including it, in arrival order:
 * waiting (`accepted`) or failed and due for a retry. This event itself is missing when it was applied meanwhile.
 */
export async function unappliedContactEvents(
  db: Executor,
  event: Pick<InboundEvent, 'provider' | 'orderKey' | 'seq'>,
): Promise<InboundEvent[]> {
  if (event.orderKey === null) return [];
  return db
    .select()
    .from(inboundEvents)
    .where(
      and(
        eq(inboundEvents.orderKey, event.orderKey),
        inArray(inboundEvents.status, ['accepted', 'failed']),
        lte(inboundEvents.seq, event.seq),
        eq(inboundEvents.provider, event.provider),
      ),
    )
    .orderBy(asc(inboundEvents.seq));
}
