import type { DeliveryResult } from '../../core/messaging/delivery-result.ts';
import { getAlert } from '../../db/queries/alerts/get-alert.ts';
import { getDelivery } from '../../db/queries/deliveries/get-delivery.ts';
import { getLead } from '../../db/queries/leads.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import type { AlertDelivery } from '../channel.ts';
import { composeListingMessage } from './listing-message.ts';
import { resultOf, sendLeadMessageNow } from './send-lead-message-now.ts';

/**
 * An alert's listing sent to its lead by SMS or email (a channel's `deliverAlert` for a lead).
 * The message is queued under the delivery's own idempotency key, so a row planned for it is
 * filled in rather than duplicated, and goes out through the delivery pipeline: consent, quiet
 * hours and the disclosure apply, and a deferral comes back as `{ status: 'deferred', until }`.
 */
export async function deliverListingToLead(
  runtime: Runtime,
  delivery: AlertDelivery,
  channel: 'sms' | 'email',
): Promise<DeliveryResult> {
  const { tenant } = delivery;
  const alert = await getAlert(runtime.db, tenant.id, delivery.view.alertId);
  const lead = alert?.leadId ? await getLead(runtime.db, tenant.id, alert.leadId) : undefined;
  if (!alert || !lead) return { status: 'failed', error: 'alert or lead no longer exists', permanent: true };
  const content = await composeListingMessage(runtime, {
    tenant,
    view: delivery.view,
    lead,
    matchId: alert.matchId,
    channel,
  });
  if (typeof content === 'string') return { status: 'failed', error: content, permanent: true };
  const sent = await sendLeadMessageNow(runtime, {
    tenantId: tenant.id,
    lead,
    channel,
    idempotencyKey: delivery.idempotencyKey,
    alertId: alert.id,
    purpose: 'listing',
    automated: true,
    body: content.body,
    subject: content.subject ?? null,
    html: content.html ?? null,
  });
  if (!sent)
    return {
      status: 'failed',
      error: `lead has no ${channel === 'sms' ? 'phone number' : 'email address'}`,
      permanent: true,
    };
  const row = (await getDelivery(runtime.db, tenant.id, sent.delivery.id)) ?? sent.delivery;
  return resultOf(sent.outcome, row);
}
