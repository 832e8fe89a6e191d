import { listingInteractionActivity, type ListingInteraction } from '../../../core/scoring/listing-interaction.ts';
import type { Clock } from '../../../core/time/clock.ts';
import type { JobQueue } from '../../../jobs/queue.ts';
import type { Db } from '../../client.ts';
import { addLeadActivity, getLiveLead } from '../../queries/leads.ts';
import { LANE_PRIORITY } from '../../../core/inbound/job-lane.ts';

export interface ListingInteractionInput {
  tenantId: string;
  leadId: string;
  listingKey: string;
  interaction: ListingInteraction;
  /** The channel that carried the link the lead opened. */
  via: 'sms' | 'email';
}

export type ListingInteractionResult = { outcome: 'recorded' | 'already_recorded' | 'no_lead' };

/**
 * A lead opened, saved or asked to see a listing on the page we linked them to. The activity
 * (`listing_view`, `listing_save`, `showing_request`) and the lead's re-score commit together, so the
 * score features and the burst and showing signals see real behaviour through the usual `lead.score`
 * path. A reload within the half hour, a second save or a second request that day adds nothing.
 * @example
 * await recordListingInteraction(deps, { tenantId, leadId, listingKey, interaction: 'view', via: 'sms' })
 */
export async function recordListingInteraction(
  deps: { db: Db; queue: JobQueue; clock: Clock },
  input: ListingInteractionInput,
): Promise<ListingInteractionResult> {
  const now = deps.clock.now();
  const { kind, externalId } = listingInteractionActivity(input, now);
  return deps.db.transaction(async (tx) => {
    const lead = await getLiveLead(tx, input.tenantId, input.leadId);
    if (!lead) return { outcome: 'no_lead' };
    const row = await addLeadActivity(tx, {
      tenantId: input.tenantId,
      leadId: lead.id,
      kind,
      channel: 'web',
      direction: 'inbound',
      listingKey: input.listingKey,
      source: 'lead_page',
      externalId,
      meta: { via: input.via },
      occurredAt: now,
    });
    if (!row) return { outcome: 'already_recorded' };
    // The lead is on the page right now: a burst of views may make them hot, so the re-score is fast.
    await deps.queue.enqueue(
      'lead.score',
      { tenantId: input.tenantId, leadId: lead.id, trigger: `lead_page.${input.interaction}` },
      { tx, priority: LANE_PRIORITY.fast },
    );
    return { outcome: 'recorded' };
  });
}
