import { and, eq, gte } from 'drizzle-orm';
import type { JobQueue } from '../../../jobs/queue.ts';
import type { Tx } from '../../client.ts';
import { leadActivities } from '../../schema/index.ts';
import { hasEnabledRulesFor } from './automation-rules.ts';
import { queueAutomationTrigger } from './queue-automation-trigger.ts';

/** A view this recent still says she cares about the home. */
const VIEWED_WITHIN_MS = 90 * 86_400_000;

/** RESO ChangeType → the `listing_event` change a rule names; null for changes rules do not listen for. */
export function listingEventOf(change: { changeType: string; previousPrice: number | null; newPrice: number | null }) {
  if (change.changeType === 'PriceChange')
    return change.previousPrice !== null && change.newPrice !== null && change.newPrice < change.previousPrice
      ? 'price_drop'
      : null;
  if (change.changeType === 'BackOnMarket') return 'back_on_market';
  if (change.changeType === 'NewListing') return 'new_listing';
  return null;
}

/**
 * What happened to the home: a stored listing change (its id names the occurrence), or an event that is not a
 * listing change (an open house) with its own occurrence id and the open house the run's templates read.
 */
type ListingTriggerCause =
  | { change: { id: string; changeType: string; previousPrice: number | null; newPrice: number | null } }
  | { event: 'open_house'; occurrence: string; openHouseKey: string };

/**
 * A listing change for the leads it concerns: those whose search matched the home and those who viewed it
 * (her `/l/:token` page or a GHL-tracked link) in the last 90 days, one trigger each, named by the change.
 */
export async function queueListingTriggers(
  tx: Tx,
  queue: JobQueue,
  input: {
    tenantId: string;
    listingKey: string;
    matchedLeadIds: readonly string[];
    now: Date;
  } & ListingTriggerCause,
): Promise<number> {
  const event = 'change' in input ? listingEventOf(input.change) : input.event;
  if (!event || !(await hasEnabledRulesFor(tx, input.tenantId, 'listing_event'))) return 0;
  const viewers = await tx
    .selectDistinct({ leadId: leadActivities.leadId })
    .from(leadActivities)
    .where(
      and(
        eq(leadActivities.tenantId, input.tenantId),
        eq(leadActivities.listingKey, input.listingKey),
        eq(leadActivities.kind, 'listing_view'),
        gte(leadActivities.occurredAt, new Date(input.now.getTime() - VIEWED_WITHIN_MS)),
      ),
    );
  const viewed = new Set(viewers.map((v) => v.leadId));
  const matched = new Set(input.matchedLeadIds);
  for (const leadId of new Set([...matched, ...viewed]))
    await queueAutomationTrigger(tx, queue, {
      tenantId: input.tenantId,
      leadId,
      lane: 'bulk',
      trigger: {
        event: 'listing_event',
        occurrence: 'change' in input ? `listing_event:${input.change.id}` : input.occurrence,
        at: input.now.toISOString(),
        listingKey: input.listingKey,
        ...('openHouseKey' in input ? { openHouseKey: input.openHouseKey } : {}),
        change: event,
        matched: matched.has(leadId),
        viewed: viewed.has(leadId),
      },
    });
  return matched.size + viewed.size;
}
