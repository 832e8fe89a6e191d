import { decideInstantSend, instantSendKey, localDayStart } from '../../../core/matching/decide-instant-send.ts';
import type { InstantChannel, InstantReach, InstantSendDecision } from '../../../core/matching/decide-instant-send.ts';
import { instantSendNote, listingAddressOf } from '../../../core/matching/instant-send-note.ts';
import { localDateIn } from '../../../core/messaging/digest-window.ts';
import { leadTimeZone } from '../../../core/messaging/lead-time-zone.ts';
import { LANE_PRIORITY } from '../../../core/inbound/job-lane.ts';
import type { Clock } from '../../../core/time/clock.ts';
import type { JobQueue } from '../../../jobs/queue.ts';
import type { Db, Executor, Tx } from '../../client.ts';
import { isSendAllowed } from '../../queries/consent.ts';
import { queueLeadMessage } from '../../queries/deliveries/lead-messages.ts';
import { getLiveLead, type Lead } from '../../queries/leads.ts';
import { getListing, type ListingRow } from '../../queries/listings/get-listing.ts';
import { getEmailEngagement } from '../../queries/messaging/email-engagement.ts';
import {
  attachLeadListingDelivery,
  automatedSendsToday,
  leadListingSendOf,
  lockLeadForSend,
  recordLeadListingSend,
} from '../../queries/messaging/lead-listing-sends.ts';
import { getTenant, type Tenant } from '../../queries/tenants.ts';
import type { Reach } from '../deliveries/reach.ts';
import { noteAgentsOfLead } from './note-agents-of-lead.ts';

/** How each decision is stored (`lead_listing_sends.outcome`): what became of the home, in the past tense. */
const OUTCOME: Record<InstantSendDecision['action'], string> = {
  send: 'sent',
  draft: 'draft',
  digest: 'digest',
  skip: 'skipped',
};

/** The lead-facing words for one listing (channels live in bots/, so the job's adapter hands this in). */
export type ComposeInstantListing = (input: {
  tenant: Tenant;
  lead: Lead;
  listing: ListingRow;
  matchId: string | null;
  channel: InstantChannel;
}) => Promise<{ body: string; subject?: string; html?: string } | string>;

export interface InstantListingInput {
  tenantId: string;
  leadId: string;
  listingKey: string;
  changeId: string;
  matchId?: string | null;
  /** The match or price-drop alert raised with it: the agent approves a draft from it. */
  alertId?: string | null;
}

export type InstantListingResult =
  | { outcome: 'gone' | 'already_decided' }
  | { outcome: InstantSendDecision['action']; reason: string; channel?: InstantChannel; deliveryId?: string };

/**
 * A new or price-dropped home on a lead's instant search, sent to her on her own: the one decision (channel,
 * daily cap, approval) is `decideInstantSend`'s, and its row (one per lead and listing change) is what makes a
 * redelivered job or a second matching search send nothing more. A send is a lead message queued with its
 * `sms.send` job in the same transaction, so consent, quiet hours (deferred to her 08:00) and the opt-out line
 * are the delivery pipeline's; the lead's agent gets a one-line note in chat. Over her cap the home waits for
 * her daily digest; with `sms.approveDrafts` it waits for the agent's "Send to lead" on the alert.
 * @example await sendInstantListing({ db, queue, clock, reach, compose }, { tenantId, leadId, listingKey, changeId })
 */
export async function sendInstantListing(
  deps: { db: Db; queue: JobQueue; clock: Clock; reach: Reach; compose: ComposeInstantListing },
  input: InstantListingInput,
): Promise<InstantListingResult> {
  const { db, clock } = deps;
  const [tenant, lead, listing] = await Promise.all([
    getTenant(db, input.tenantId),
    getLiveLead(db, input.tenantId, input.leadId),
    getListing(db, input.tenantId, input.listingKey),
  ]);
  if (!tenant || !lead || !listing) return { outcome: 'gone' };
  if (await leadListingSendOf(db, lead.id, input.changeId)) return { outcome: 'already_decided' };

  const now = clock.now();
  const { zone } = leadTimeZone({
    postalCode: lead.postalCode,
    phone: lead.phone,
    override: lead.timezone,
    fallback: tenant.timezone,
  });
  const today = { tenantId: tenant.id, leadId: lead.id, day: localDateIn(now, zone), since: localDayStart(now, zone) };
  const policy = {
    reach: await reachOfLead(db, tenant.id, lead),
    perDay: tenant.settings.matching.instantPerDay,
    approveDrafts: tenant.settings.sms.approveDrafts,
  };
  // Composed before the transaction (it reads and signs the lead's link); the cap is decided again under the lock.
  const first = decideInstantSend({ ...policy, sentToday: await automatedSendsToday(db, today) });
  const content =
    'channel' in first
      ? await deps.compose({ tenant, lead, listing, matchId: input.matchId ?? null, channel: first.channel })
      : null;

  return db.transaction(async (tx) => {
    await lockLeadForSend(tx, tenant.id, lead.id);
    let decision = decideInstantSend({ ...policy, sentToday: await automatedSendsToday(tx, today) });
    if (typeof content === 'string') decision = { action: 'skip', reason: content };
    else if ('channel' in decision && (!content || !('channel' in first) || first.channel !== decision.channel))
      throw new Error('the send decision changed while its message was written; retrying');
    const channel = 'channel' in decision ? decision.channel : undefined;
    const row = await recordLeadListingSend(tx, {
      tenantId: tenant.id,
      leadId: lead.id,
      changeId: input.changeId,
      listingKey: listing.listingKey,
      matchId: input.matchId ?? null,
      alertId: input.alertId ?? null,
      outcome: OUTCOME[decision.action],
      channel: channel ?? null,
      day: today.day,
      reason: decision.reason,
    });
    if (!row) return { outcome: 'already_decided' } as const;
    if (!channel || !content || typeof content === 'string')
      return { outcome: decision.action, reason: decision.reason };
    const deliveryId =
      decision.action === 'send'
        ? await queueSend(tx, deps.queue, { tenantId: tenant.id, lead, input, channel, content })
        : undefined;
    if (deliveryId) await attachLeadListingDelivery(tx, row.id, deliveryId);
    await noteAgentsOfLead(tx, deps, {
      tenant,
      lead,
      key: `instant-note:${row.id}`,
      text: instantSendNote({
        leadName: lead.firstName || lead.name,
        address: listingAddressOf(listing),
        price: listing.listPrice,
        channel,
        action: decision.action === 'draft' ? 'draft' : 'send',
        alertId: input.alertId,
      }),
    });
    return { outcome: decision.action, reason: decision.reason, channel, ...(deliveryId ? { deliveryId } : {}) };
  });
}

async function reachOfLead(db: Executor, tenantId: string, lead: Lead): Promise<InstantReach> {
  // A lead marked Do Not Disturb has no open channel; the pipeline records the refusal when it goes out.
  const open = async (channel: InstantChannel, address: string | null) =>
    Boolean(address) && !lead.dnd && (await isSendAllowed(db, tenantId, channel, address!));
  const engagement = await getEmailEngagement(db, tenantId, lead.id);
  return {
    sms: { address: Boolean(lead.phone), allowed: await open('sms', lead.phone) },
    email: {
      address: Boolean(lead.email),
      allowed: engagement?.current !== 'paused' && (await open('email', lead.email)),
    },
  };
}

async function queueSend(
  tx: Tx,
  queue: JobQueue,
  send: {
    tenantId: string;
    lead: Lead;
    input: InstantListingInput;
    channel: InstantChannel;
    content: { body: string; subject?: string; html?: string };
  },
): Promise<string | undefined> {
  const { tenantId, lead, input, channel, content } = send;
  const delivery = await queueLeadMessage(tx, {
    tenantId,
    lead,
    channel,
    // Not tied to the alert: its deliveries are the team's copies (and an agent's own "Send to lead").
    idempotencyKey: instantSendKey(lead.id, input.changeId),
    purpose: 'listing',
    automated: true,
    body: content.body,
    subject: content.subject ?? null,
    html: content.html ?? null,
  });
  if (!delivery) return undefined;
  // `sms.send` sends either channel; a home she is waiting for goes ahead of bulk work.
  await queue.enqueue('sms.send', { tenantId, deliveryId: delivery.id }, { tx, priority: LANE_PRIORITY.fast });
  return delivery.id;
}
