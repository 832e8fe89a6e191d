import { readInboundJson } from '../../core/inbound/clean-inbound-text.ts';
import { defineHandler } from '../handler.ts';
import { parseSendgridEvents, SUPPRESSING_EVENTS, type SendgridEvent } from '../../bots/email/parse-sendgrid-events.ts';
import { getInboundEvent, markInboundEvent } from '../../db/queries/inbound-events.ts';
import { addLeadActivity, findLeadByEmail, getLead } from '../../db/queries/leads.ts';
import { applyProviderStatus } from '../../db/queries/deliveries/apply-provider-status.ts';
import { setConsent } from '../../db/queries/consent.ts';
import { getTenant } from '../../db/queries/tenants.ts';
import { recordEmailEngagement } from '../../bots/email/email-engagement.ts';
import { LANE_PRIORITY } from '../../core/inbound/job-lane.ts';

const ACTIVITY: Partial<Record<SendgridEvent['kind'], string>> = {
  delivered: 'email_delivered',
  open: 'email_open',
  click: 'email_click',
};
const DELIVERY_STATUS: Partial<Record<SendgridEvent['kind'], string>> = {
  delivered: 'delivered',
  bounce: 'failed',
  dropped: 'failed',
  open: 'read',
  click: 'read',
};

/**
 * One SendGrid event. Engagement becomes a lead activity (opens and clicks feed the score) and
 * moves the lead's email cadence; a bounce, drop, spam report or unsubscribe takes the address
 * out of every future send through the consent ledger.
 */
export default defineHandler('email.event', async ({ inboundEventId }, { runtime }) => {
  const stored = await getInboundEvent(runtime.db, inboundEventId);
  if (!stored || stored.status === 'processed') return;
  const done = (status: 'processed' | 'ignored', reason?: string) =>
    markInboundEvent(runtime.db, inboundEventId, status, { reason: reason ?? null, processedAt: runtime.clock.now() });
  let raw: unknown;
  try {
    raw = readInboundJson(stored.rawBody, 'stored body').value;
  } catch (error) {
    // A stored body that is not JSON will never parse on a retry: quarantine it instead of dead-lettering.
    await markInboundEvent(runtime.db, inboundEventId, 'quarantined', { reason: (error as Error).message });
    return;
  }
  const [event] = parseSendgridEvents([raw]).events;
  const tenant = stored.tenantId ? await getTenant(runtime.db, stored.tenantId) : undefined;
  if (!event || !tenant) return done('ignored', 'no tenant in custom_args');
  const args = event.customArgs;
  const lead =
    (args.leadId ? await getLead(runtime.db, tenant.id, args.leadId) : undefined) ??
    (await findLeadByEmail(runtime.db, tenant.id, event.email));

  const status = DELIVERY_STATUS[event.kind];
  if (status && args.deliveryId) {
    await applyProviderStatus(runtime.db, {
      channel: 'email',
      deliveryId: args.deliveryId,
      status,
      error: event.reason ?? null,
      at: event.occurredAt,
    });
  }
  if (SUPPRESSING_EVENTS.has(event.kind)) {
    const optOut = event.kind === 'spamreport' || event.kind === 'unsubscribe' || event.kind === 'group_unsubscribe';
    await setConsent(runtime.db, {
      tenantId: tenant.id,
      channel: 'email',
      address: event.email,
      status: optOut ? 'opted_out' : 'suppressed',
      source: `sendgrid_${event.kind}`,
      reason: event.reason ?? event.smtpStatus ?? event.kind,
    });
  }
  const kind = ACTIVITY[event.kind];
  if (lead && kind) {
    // The activity is keyed by sg_event_id: only its first insert moves the score and the cadence,
    // so a retried job cannot count the same open (or the same unopened send) twice.
    const fresh = await addLeadActivity(runtime.db, {
      tenantId: tenant.id,
      leadId: lead.id,
      kind,
      channel: 'email',
      direction: event.kind === 'delivered' ? 'outbound' : 'inbound',
      source: 'sendgrid',
      externalId: event.sgEventId,
      occurredAt: event.occurredAt,
      meta: {
        ...(event.url ? { url: event.url } : {}),
        ...(args.alertId ? { alertId: args.alertId } : {}),
        ...(args.deliveryId ? { deliveryId: args.deliveryId } : {}),
      },
    });
    if (fresh) {
      if (event.kind !== 'delivered')
        // A lead opening or clicking is a lead acting now: fast, like a message.
        await runtime.queue.enqueue(
          'lead.score',
          { tenantId: tenant.id, leadId: lead.id, trigger: `email.${event.kind}` },
          { priority: LANE_PRIORITY.fast },
        );
      await recordEmailEngagement(
        runtime,
        tenant,
        lead,
        event.kind as 'delivered' | 'open' | 'click',
        event.occurredAt,
      );
    }
  }
  return done('processed');
});
