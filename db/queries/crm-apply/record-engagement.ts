import type { CrmEngagement } from '../../../core/ghl/crm-event.ts';
import { engagementActivityKind } from '../../../core/ghl/engagement-activity.ts';
import { listingKeyFromUrl } from '../../../core/messaging/listing-key-from-url.ts';
import type { Tx } from '../../client.ts';
import type { ApplyContext, ApplyEffects } from './apply-types.ts';
import { recordActivity } from './record-activity.ts';

/**
 * A page visit, form submission or link click the CRM saw: a listing view, save or showing request when it
 * names a listing (explicitly, or by a link to our lead page or the team's listing site), else a timeline entry
 * scoring ignores. Keyed by the event id, so a resent event adds nothing; either way the lead is re-scored.
 */
export async function recordEngagement(
  tx: Tx,
  ctx: ApplyContext,
  input: { eventId: string; engagement: CrmEngagement; at: Date },
): Promise<ApplyEffects> {
  const g = input.engagement;
  const reading = {
    tenantId: ctx.tenantId,
    template: ctx.settings.listingUrlTemplate,
    secret: ctx.leadPageSecret ?? [],
    now: ctx.clock.now(),
  };
  const listingKey = g.listingKey ?? (g.url ? listingKeyFromUrl(g.url, reading) : null);
  return recordActivity(tx, ctx, {
    kind: engagementActivityKind(g, listingKey),
    contactId: g.contactId,
    locationId: null,
    externalId: `engagement:${input.eventId}`,
    at: input.at,
    body: g.formName,
    listingKey,
    channel: 'web',
    direction: 'inbound',
    meta: { engagement: g.kind, url: g.url, formName: g.formName, action: g.action },
  });
}
