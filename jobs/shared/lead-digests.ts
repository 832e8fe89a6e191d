import { digestDayFor, localDateIn } from '../../core/messaging/digest-window.ts';
import { leadTimeZone } from '../../core/messaging/lead-time-zone.ts';
import { renderDigestEmail } from '../../core/messaging/render-email.ts';
import { getLead } from '../../db/queries/leads.ts';
import { getEmailEngagement } from '../../db/queries/messaging/email-engagement.ts';
import { undigestedMatches, type DigestMatch } from '../../db/queries/messaging/lead-digest-matches.ts';
import { getTenant } from '../../db/queries/tenants.ts';
import { queueLeadDigest } from '../../db/use-cases/deliveries/queue-lead-digest.ts';
import { emailFrame, listingEmailView, whyMatched } from '../../bots/email/email-frame.ts';
import type { Runtime } from '../runtime.ts';

const DAY = 86_400_000;
/** A digest shows the best few; the rest are still marked carried so they never pile up. */
const MAX_LISTINGS = 10;

/**
 * Daily or weekly email of new matches for every lead whose saved search asks for that cadence.
 * Each lead's matches are marked carried in the same transaction that queues the email, and the
 * email is named by her local date, so she gets one per day however often this runs. With
 * `localMorning` (the `digest.send` schedule, every quarter hour) only leads whose own clock reads
 * 08:00–10:00 (Monday, for weekly) get theirs; her zone is the one her texts' quiet hours use
 * (override, postal code, area code, else the team's). Leads whose cadence stepped down to
 * `paused` get nothing.
 * @example await sendLeadDigests(runtime, 'daily', { localMorning: true })
 */
export async function sendLeadDigests(
  runtime: Runtime,
  frequency: 'daily' | 'weekly',
  options: { tenantId?: string; localMorning?: boolean } = {},
): Promise<Array<{ deliveryId: string }>> {
  const now = runtime.clock.now();
  // A little more than the period, so a late or skipped run still catches its matches.
  const since = new Date(now.getTime() - (frequency === 'daily' ? 2 : 8) * DAY);
  const pending = await undigestedMatches(runtime.db, { frequency, since, tenantId: options.tenantId });
  const byLead = new Map<string, DigestMatch[]>();
  for (const m of pending)
    byLead.set(`${m.tenantId}:${m.leadId}`, [...(byLead.get(`${m.tenantId}:${m.leadId}`) ?? []), m]);

  const outcomes: Array<{ deliveryId: string }> = [];
  for (const group of byLead.values()) {
    const { tenantId, leadId } = group[0];
    const [tenant, lead, engagement] = await Promise.all([
      getTenant(runtime.db, tenantId),
      getLead(runtime.db, tenantId, leadId),
      getEmailEngagement(runtime.db, tenantId, leadId),
    ]);
    if (!tenant || !lead?.email || engagement?.current === 'paused') continue;
    const { zone } = leadTimeZone({
      postalCode: lead.postalCode,
      phone: lead.phone,
      override: lead.timezone,
      fallback: tenant.timezone,
    });
    const day = options.localMorning ? digestDayFor(now, zone, frequency) : localDateIn(now, zone);
    if (!day) continue;
    const unique = [...new Map(group.map((m) => [m.listingKey, m])).values()].slice(0, MAX_LISTINGS);
    const email = renderDigestEmail(
      emailFrame(runtime, tenant, lead),
      frequency,
      unique.map((m) =>
        listingEmailView(runtime, tenant, m.listing, whyMatched(m.breakdown), { leadId: lead.id, via: 'email' }),
      ),
    );
    const delivery = await queueLeadDigest(runtime, {
      tenantId,
      lead,
      frequency,
      matchIds: group.map((m) => m.matchId),
      email,
      now,
      day,
    });
    if (delivery) outcomes.push({ deliveryId: delivery.id });
  }
  return outcomes;
}
