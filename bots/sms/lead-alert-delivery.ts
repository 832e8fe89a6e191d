import type { AlertDelivery, DeliveryResult } from '../channel.ts';
import { getAlert } from '../../db/queries/alerts.ts';
import { getLead, type Lead } from '../../db/queries/leads.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { dispatchLeadMessage, queueLeadMessage, type LeadSendOutcome } from '../messaging/send-to-lead.ts';

/** The lead an alert is about, or a permanent failure (the alert or lead is gone). */
export async function alertLead(
  runtime: Runtime,
  delivery: AlertDelivery,
): Promise<{ lead: Lead; alertId: string; matchId: string | null } | DeliveryResult> {
  const alert = await getAlert(runtime.db, delivery.tenant.id, delivery.view.alertId);
  const lead = alert?.leadId ? await getLead(runtime.db, delivery.tenant.id, alert.leadId) : undefined;
  if (!alert || !lead) return { ok: false, error: 'alert or lead no longer exists', permanent: true };
  return { lead, alertId: alert.id, matchId: alert.matchId };
}

/**
 * Hands an alert's lead-facing message to send-to-lead under the delivery's own idempotency key
 * (so the orchestrator's row is adopted, not duplicated) and maps the outcome to a DeliveryResult.
 * A quiet-hours deferral is a success for the caller: the row says `deferred` and `sms.send` owns it.
 */
export async function deliverToLead(
  runtime: Runtime,
  delivery: AlertDelivery,
  lead: Lead,
  content: {
    channel: 'sms' | 'email';
    alertId: string;
    body: string;
    subject?: string;
    html?: string;
  },
): Promise<DeliveryResult> {
  const row = await queueLeadMessage(runtime.db, {
    tenantId: delivery.tenant.id,
    lead,
    channel: content.channel,
    idempotencyKey: delivery.idempotencyKey,
    alertId: content.alertId,
    purpose: 'listing',
    automated: true,
    body: content.body,
    subject: content.subject ?? null,
    html: content.html ?? null,
  });
  if (!row)
    return {
      ok: false,
      error: `lead has no ${content.channel === 'sms' ? 'phone number' : 'email address'}`,
      permanent: true,
    };
  return toDeliveryResult(await dispatchLeadMessage(runtime, row.id, { adopted: true }));
}

export function toDeliveryResult(outcome: LeadSendOutcome): DeliveryResult {
  switch (outcome.status) {
    case 'sent':
      return { ok: true, ...(outcome.providerMessageId ? { providerMessageId: outcome.providerMessageId } : {}) };
    case 'deferred':
      return { ok: true, ref: { deferredUntil: outcome.sendAfter.toISOString(), deliveryId: outcome.deliveryId } };
    case 'skipped':
      return { ok: true, ref: { skipped: outcome.reason } };
    case 'suppressed':
      return { ok: false, error: outcome.reason, permanent: true, suppressed: true };
    case 'failed':
      return { ok: false, error: outcome.error, permanent: outcome.permanent };
  }
}
