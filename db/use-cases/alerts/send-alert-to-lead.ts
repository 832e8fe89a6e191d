import { recordAudit } from '../../queries/audit.ts';
import { getAlert } from '../../queries/alerts/get-alert.ts';
import { createDelivery } from '../../queries/deliveries/create-delivery.ts';
import { getLead } from '../../queries/leads.ts';
import { instantSendsOfAlert, markInstantDraftApproved } from '../../queries/messaging/lead-listing-sends.ts';
import type { AlertDeps } from './alert-deps.ts';
import { LANE_PRIORITY } from '../../../core/inbound/job-lane.ts';

const LISTING_KINDS = new Set(['listing_match', 'price_drop', 'back_on_market']);

export type SendAlertToLeadResult =
  | { outcome: 'queued' | 'already_sent'; listingKey: string; leadName: string; channel: 'sms' | 'email' }
  | { outcome: 'no_alert' | 'not_a_listing' | 'no_lead' }
  | { outcome: 'do_not_disturb' | 'unreachable'; leadName: string };

/**
 * "Send to lead": queues an alert's listing to its lead, by SMS when they have a phone, else by
 * email. The delivery's idempotency key (alert + channel + lead address) makes a double click send
 * once. Consent, quiet hours and the opt-out line are the delivery's business when it goes out.
 * @example await sendAlertToLead({ db, queue }, { tenantId, alertId, actorId: agent.id })
 */
export async function sendAlertToLead(
  deps: Pick<AlertDeps, 'db' | 'queue'>,
  input: { tenantId: string; alertId: string; actorId: string },
): Promise<SendAlertToLeadResult> {
  const alert = await getAlert(deps.db, input.tenantId, input.alertId);
  if (!alert) return { outcome: 'no_alert' };
  if (!LISTING_KINDS.has(alert.kind) || !alert.listingKey || !alert.leadId) return { outcome: 'not_a_listing' };
  const listingKey = alert.listingKey;
  const lead = await getLead(deps.db, input.tenantId, alert.leadId);
  if (!lead) return { outcome: 'no_lead' };
  if (lead.dnd) return { outcome: 'do_not_disturb', leadName: lead.name };
  const channel = lead.phone ? 'sms' : lead.email ? 'email' : undefined;
  if (!channel) return { outcome: 'unreachable', leadName: lead.name };
  const recipient = channel === 'sms' ? lead.phone! : lead.email!;
  // An instant search may have sent it already; a draft held for approval is approved by this press.
  const instant = await instantSendsOfAlert(deps.db, alert.id);
  const sent = instant.find((s) => s.outcome === 'sent');
  if (sent)
    return {
      outcome: 'already_sent',
      listingKey,
      leadName: lead.name,
      channel: sent.channel === 'email' ? 'email' : 'sms',
    };

  const created = await deps.db.transaction(async (tx) => {
    const row = await createDelivery(tx, deps.queue, {
      tenantId: input.tenantId,
      alertId: alert.id,
      channel,
      recipient,
      recipientKind: 'lead',
    });
    if (!row) return false;
    for (const draft of instant) await markInstantDraftApproved(tx, draft.id, row.id);
    await recordAudit(tx, {
      tenantId: input.tenantId,
      entity: 'alert',
      entityId: alert.id,
      action: 'send',
      actor: input.actorId,
      reason: `sent ${listingKey} to the lead by ${channel}`,
      data: { deliveryId: row.id, channel },
    });
    await deps.queue.enqueue(
      'alert.refresh',
      { tenantId: input.tenantId, alertId: alert.id },
      { tx, priority: LANE_PRIORITY.fast },
    );
    return true;
  });
  return { outcome: created ? 'queued' : 'already_sent', listingKey, leadName: lead.name, channel };
}
