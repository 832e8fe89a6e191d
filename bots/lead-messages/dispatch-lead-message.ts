import type { DeliveryResult } from '../../core/messaging/delivery-result.ts';
import { withOptOutDisclosure } from '../../core/messaging/disclosure.ts';
import { leadTimeZone } from '../../core/messaging/lead-time-zone.ts';
import { nextAllowedSendTime, quietWindowFor } from '../../core/messaging/quiet-hours.ts';
import { maskEmail, maskPhone } from '../../core/observability/mask.ts';
import { isSendAllowed, setConsent } from '../../db/queries/consent.ts';
import type { DeliveryRow } from '../../db/queries/deliveries/get-delivery.ts';
import { markHandedOver } from '../../db/queries/deliveries/interrupted-attempts.ts';
import { hasAutomatedSmsTo, type LeadMessageRow } from '../../db/queries/deliveries/lead-messages.ts';
import { addLeadActivity, type Lead } from '../../db/queries/leads.ts';
import { automationStopFact } from '../../db/queries/leads/lead-facts.ts';
import { describeFact } from '../../core/intent/describe-fact.ts';
import type { Tenant } from '../../db/queries/tenants.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { sendgridService } from '../email/sendgrid-service.ts';
import { unsubscribeUrl } from '../email/unsubscribe-url.ts';
import { messagingSettings } from '../../core/messaging/messaging-settings.ts';
import { statusCallbackUrl, twilioService } from '../sms/twilio-service.ts';
import { smsFingerprint } from '../sms/find-sent-sms.ts';
import { emailFingerprint } from '../email/email-fingerprint.ts';

export interface LeadDispatch {
  tenant: Tenant;
  /** The row, already claimed for this attempt by the delivery pipeline. */
  delivery: DeliveryRow;
  message: LeadMessageRow;
  lead: Lead;
}

/**
 * The last step out to a lead, SMS or email, run by the delivery pipeline on a claimed row. In
 * order: consent (an opted-out or suppressed address, or a lead marked DND, gets no request at all;
 * the attempt is recorded with the reason), what she said (after "wrong number", "not interested" or
 * "we already bought" no automated message goes out), quiet hours in the lead's zone for texts (deferred to
 * the next allowed minute), the one-time opt-out line on the first automated text, then the
 * provider. A Twilio 21610 answer writes the opt-out to the ledger. Everything is checked at send
 * time, so a STOP that arrived while the message waited wins.
 */
export async function dispatchLeadMessage(runtime: Runtime, send: LeadDispatch): Promise<DeliveryResult> {
  const { tenant, delivery, lead } = send;
  const blocked =
    (await consentBlock(runtime, tenant.id, delivery, lead)) ??
    (send.message.automated ? await saidStop(runtime, tenant.id, lead) : null);
  if (blocked) return suppress(runtime, send, blocked);
  if (delivery.channel !== 'sms') return sendEmail(runtime, send);
  const until = quietHoursUntil(tenant, lead, send.message, runtime.clock.now());
  if (until) {
    runtime.logger.info(
      { deliveryId: delivery.id, to: maskPhone(delivery.recipient), sendAfter: until },
      'text deferred by quiet hours',
    );
    return { status: 'deferred', until };
  }
  return sendSms(runtime, send);
}

async function consentBlock(runtime: Runtime, tenantId: string, delivery: DeliveryRow, lead: Lead) {
  const channel = delivery.channel as 'sms' | 'email';
  if (!(await isSendAllowed(runtime.db, tenantId, channel, delivery.recipient)))
    return `${channel} recipient opted out or is suppressed`;
  if (lead.dnd) return 'lead is marked Do Not Disturb in the CRM';
  return null;
}

/** She said it is a wrong number, she is not interested or she already bought: no automation writes to her again. */
async function saidStop(runtime: Runtime, tenantId: string, lead: Lead): Promise<string | null> {
  const fact = await automationStopFact(runtime.db, tenantId, lead.id);
  return fact ? `lead said: ${describeFact(fact)} (no automated messages)` : null;
}

function quietHoursUntil(tenant: Tenant, lead: Lead, message: LeadMessageRow, now: Date): Date | null {
  const settings = messagingSettings(tenant);
  // A lead who just texted us is in a conversation they started; answering is not a solicitation.
  if (message.replyToAt && now.getTime() - message.replyToAt.getTime() <= settings.sms.replyWindowMinutes * 60_000)
    return null;
  const tz = leadTimeZone({
    postalCode: lead.postalCode,
    phone: lead.phone,
    override: lead.timezone,
    fallback: tenant.timezone,
  });
  const next = nextAllowedSendTime(now, tz.zone, quietWindowFor(tz.state, settings.quietWindows));
  return next.getTime() > now.getTime() ? next : null;
}

async function sendSms(runtime: Runtime, { delivery, message, lead }: LeadDispatch): Promise<DeliveryResult> {
  const twilio = twilioService(runtime);
  if (!twilio) return { status: 'failed', error: 'Twilio is not configured', permanent: true };
  const firstAutomated =
    message.automated && !(await hasAutomatedSmsTo(runtime.db, delivery.tenantId, delivery.recipient));
  const body = withOptOutDisclosure(message.body ?? '', { firstAutomated });
  await markHandedOver(runtime.db, delivery, smsFingerprint(delivery.recipient, body), runtime.clock.now());
  const result = await twilio.sendSms({ to: delivery.recipient, body, statusCallback: statusCallbackUrl(runtime) });
  if (result.ok) {
    await recordOutbound(runtime, delivery, lead, result.sid, body);
    return { status: 'sent', providerMessageId: result.sid };
  }
  if (result.optedOut) {
    await setConsent(runtime.db, {
      tenantId: delivery.tenantId,
      channel: 'sms',
      address: delivery.recipient,
      status: 'opted_out',
      source: 'twilio_21610',
      reason: result.message,
    });
    return suppress(runtime, { delivery, lead }, 'carrier reports the number opted out (Twilio 21610)');
  }
  return { status: 'failed', error: `${result.code}: ${result.message}`, permanent: result.permanent };
}

async function sendEmail(runtime: Runtime, { tenant, delivery, message, lead }: LeadDispatch): Promise<DeliveryResult> {
  const sendgrid = sendgridService(runtime);
  if (!sendgrid) return { status: 'failed', error: 'SendGrid is not configured', permanent: true };
  const from = messagingSettings(tenant).email.from;
  await markHandedOver(runtime.db, delivery, emailFingerprint(delivery.recipient, message), runtime.clock.now());
  const result = await sendgrid.sendEmail({
    to: delivery.recipient,
    ...(from ? { from } : {}),
    subject: message.subject ?? '',
    html: message.html ?? '',
    text: message.body ?? '',
    customArgs: {
      ...message.customArgs,
      tenantId: delivery.tenantId,
      leadId: lead.id,
      deliveryId: delivery.id,
      ...(delivery.alertId ? { alertId: delivery.alertId } : {}),
    },
    unsubscribeUrl: unsubscribeUrl(runtime, {
      tenantId: delivery.tenantId,
      channel: 'email',
      address: delivery.recipient,
    }),
    categories: [message.purpose],
  });
  if (result.ok) {
    await recordOutbound(runtime, delivery, lead, result.messageId ?? null, message.subject ?? '');
    return { status: 'sent', ...(result.messageId ? { providerMessageId: result.messageId } : {}) };
  }
  return { status: 'failed', error: result.message, permanent: result.permanent };
}

/** The message joins the lead's timeline, as if an agent had sent it from the CRM. */
export async function recordOutbound(
  runtime: Runtime,
  delivery: DeliveryRow,
  lead: Lead,
  providerId: string | null,
  body: string,
) {
  await addLeadActivity(runtime.db, {
    tenantId: delivery.tenantId,
    leadId: lead.id,
    kind: delivery.channel === 'sms' ? 'message' : 'email_sent',
    channel: delivery.channel,
    direction: 'outbound',
    human: false,
    body,
    source: 'porchlight',
    externalId: `delivery:${delivery.id}`,
    meta: { deliveryId: delivery.id, providerMessageId: providerId },
    occurredAt: runtime.clock.now(),
  });
}

/** A message we chose not to send still shows on the lead's timeline, with the reason. */
async function suppress(
  runtime: Runtime,
  { delivery, lead }: Pick<LeadDispatch, 'delivery' | 'lead'>,
  reason: string,
): Promise<DeliveryResult> {
  await addLeadActivity(runtime.db, {
    tenantId: delivery.tenantId,
    leadId: lead.id,
    kind: 'message_suppressed',
    channel: delivery.channel,
    direction: 'outbound',
    human: false,
    source: 'porchlight',
    externalId: `suppressed:${delivery.id}`,
    meta: { deliveryId: delivery.id, reason },
    occurredAt: runtime.clock.now(),
  });
  const to = delivery.channel === 'sms' ? maskPhone(delivery.recipient) : maskEmail(delivery.recipient);
  runtime.logger.info({ deliveryId: delivery.id, channel: delivery.channel, to, reason }, 'message to lead suppressed');
  return { status: 'suppressed', reason };
}
