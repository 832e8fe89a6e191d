import { getAlert } from '../../db/queries/alerts/get-alert.ts';
import type { DeliveryRow } from '../../db/queries/deliveries/get-delivery.ts';
import { createLeadMessage, leadMessageOf, type LeadMessageRow } from '../../db/queries/deliveries/lead-messages.ts';
import { getLead } from '../../db/queries/leads.ts';
import type { Tenant } from '../../db/queries/tenants.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { loadAlertView } from '../deliveries/load-alert-view.ts';
import { composeListingMessage } from './listing-message.ts';

/**
 * What a delivery to a lead says. Most messages are written when they are queued; a "Send to lead"
 * is written here, on its first attempt, from the alert's listing, and stored, so a deferred or
 * retried attempt sends the same words. A string says why there is nothing to send.
 */
export async function leadMessageFor(
  runtime: Runtime,
  tenant: Tenant,
  delivery: DeliveryRow,
): Promise<LeadMessageRow | string> {
  const stored = await leadMessageOf(runtime.db, delivery.id);
  if (stored) return stored;
  if (!delivery.alertId) return 'nothing was written for this message';
  const alert = await getAlert(runtime.db, tenant.id, delivery.alertId);
  const lead = alert?.leadId ? await getLead(runtime.db, tenant.id, alert.leadId) : undefined;
  if (!alert || !lead) return 'alert or lead no longer exists';
  const content = await composeListingMessage(runtime, {
    tenant,
    view: await loadAlertView(runtime.db, tenant, alert),
    lead,
    matchId: alert.matchId,
    channel: delivery.channel as 'sms' | 'email',
  });
  if (typeof content === 'string') return content;
  await createLeadMessage(runtime.db, {
    tenantId: tenant.id,
    leadId: lead.id,
    channel: delivery.channel as 'sms' | 'email',
    recipient: delivery.recipient,
    idempotencyKey: delivery.idempotencyKey,
    alertId: alert.id,
    purpose: 'listing',
    automated: true,
    ...content,
  });
  return (await leadMessageOf(runtime.db, delivery.id)) ?? 'the message could not be stored';
}
