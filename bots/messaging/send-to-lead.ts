import { withOptOutDisclosure } from '../../core/messaging/disclosure.ts';
import { leadTimeZone } from '../../core/messaging/lead-time-zone.ts';
import { nextAllowedSendTime, quietWindowFor } from '../../core/messaging/quiet-hours.ts';
import { maskEmail, maskPhone, maskText } from '../../core/observability/mask.ts';
import { isSendAllowed, setConsent } from '../../db/queries/consent.ts';
import type { DeliveryRow } from '../../db/queries/deliveries.ts';
import { addLeadActivity, getLead, type Lead } from '../../db/queries/leads.ts';
import {
  claimDeliveryForSend,
  createLeadMessage,
  getLeadMessage,
  hasAutomatedSmsTo,
  updateDelivery,
  type CreateLeadMessageInput,
  type LeadMessageRow,
} from '../../db/queries/messaging.ts';
import { getTenant, type Tenant } from '../../db/queries/tenants.ts';
import type { Executor } from '../../db/client.ts';
import { messagingSettings } from '../sms/messaging-settings.ts';
import { statusCallbackUrl, twilioService } from '../sms/twilio-service.ts';
import { sendgridService } from '../email/sendgrid-service.ts';
import { unsubscribeUrl } from '../email/unsubscribe-url.ts';
import type { Runtime } from '../../jobs/runtime.ts';

export type LeadSendOutcome =
  | { status: 'sent'; deliveryId: string; providerMessageId?: string }
  | { status: 'suppressed'; deliveryId: string; reason: string }
  | { status: 'deferred'; deliveryId: string; sendAfter: Date }
  | { status: 'failed'; deliveryId: string; error: string; permanent: boolean }
  | { status: 'skipped'; deliveryId: string; reason: string };

export type LeadMessageInput = Omit<CreateLeadMessageInput, 'recipient' | 'tenantId' | 'leadId'> & {
  tenantId: string;
  lead: Pick<Lead, 'id' | 'phone' | 'email'>;
};

/**
 * Step one of every message to a lead: the delivery row and its content, in the caller's
 * transaction, so the message exists exactly when the state that produced it does. Nothing leaves
 * the process here; `dispatchLeadMessage` does that after commit.
 */
export async function queueLeadMessage(db: Executor, input: LeadMessageInput): Promise<DeliveryRow | null> {
  const recipient = input.channel === 'sms' ? input.lead.phone : input.lead.email?.toLowerCase();
  if (!recipient) return null;
  const { lead, ...rest } = input;
  return createLeadMessage(db, { ...rest, leadId: lead.id, recipient });
}

/**
 * The single door out to a lead, SMS or email. In order: consent (an opted-out or suppressed
 * address gets no request at all; the attempt is recorded with the reason), quiet hours in the
 * lead's zone for texts (deferred to the next allowed minute by a delayed `sms.send` job), the
 * one-time opt-out line on the first automated text, then the provider. A Twilio 21610 answer
 * writes the opt-out to the ledger. `adopted` is for `alert.deliver`, which already holds the row.
 * @example await dispatchLeadMessage(runtime, delivery.id)
 */
export async function dispatchLeadMessage(
  runtime: Runtime,
  deliveryId: string,
  options: { adopted?: boolean } = {},
): Promise<LeadSendOutcome> {
  const now = runtime.clock.now();
  const found = await getLeadMessage(runtime.db, deliveryId);
  if (!found) return { status: 'skipped', deliveryId, reason: 'no such lead message' };
  const { delivery, message } = found;
  // An adopted row may already be 'sending': alert.deliver took it before calling the channel.
  const claimed = await claimDeliveryForSend(runtime.db, deliveryId, now);
  if (!claimed && !(options.adopted && delivery.status === 'sending')) {
    return { status: 'skipped', deliveryId, reason: `already ${delivery.status}` };
  }
  const [tenant, lead] = await Promise.all([
    getTenant(runtime.db, delivery.tenantId),
    getLead(runtime.db, delivery.tenantId, message.leadId),
  ]);
  if (!tenant || !lead)
    return finish(runtime, delivery, {
      status: 'failed',
      deliveryId,
      error: 'lead or tenant no longer exists',
      permanent: true,
    });

  const blocked = await consentBlock(runtime, tenant.id, delivery, lead);
  if (blocked) return suppress(runtime, delivery, lead, blocked);

  if (delivery.channel === 'sms') {
    const sendAfter = quietHoursUntil(tenant, lead, message, now);
    if (sendAfter) {
      await updateDelivery(runtime.db, deliveryId, { status: 'deferred', sendAfter });
      await runtime.queue.enqueue('sms.send', { tenantId: tenant.id, deliveryId }, { startAfter: sendAfter });
      runtime.logger.info({ deliveryId, to: maskPhone(delivery.recipient), sendAfter }, 'text deferred by quiet hours');
      return { status: 'deferred', deliveryId, sendAfter };
    }
    return sendSms(runtime, delivery, message, lead);
  }
  return sendEmail(runtime, delivery, message, lead);
}

/** Queue and dispatch in one call, for callers with no transaction of their own. */
export async function sendToLead(runtime: Runtime, input: LeadMessageInput): Promise<LeadSendOutcome | null> {
  const delivery = await queueLeadMessage(runtime.db, input);
  return delivery ? dispatchLeadMessage(runtime, delivery.id) : null;
}

async function consentBlock(
  runtime: Runtime,
  tenantId: string,
  delivery: DeliveryRow,
  lead: Lead,
): Promise<string | null> {
  const channel = delivery.channel as 'sms' | 'email';
  if (!(await isSendAllowed(runtime.db, tenantId, channel, delivery.recipient)))
    return `${channel} recipient opted out or is suppressed`;
  if (lead.dnd) return 'lead is marked Do Not Disturb in the CRM';
  return null;
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

async function sendSms(
  runtime: Runtime,
  delivery: DeliveryRow,
  message: LeadMessageRow,
  lead: Lead,
): Promise<LeadSendOutcome> {
  const twilio = twilioService(runtime);
  if (!twilio)
    return finish(runtime, delivery, {
      status: 'failed',
      deliveryId: delivery.id,
      error: 'Twilio is not configured',
      permanent: true,
    });
  const firstAutomated =
    message.automated && !(await hasAutomatedSmsTo(runtime.db, delivery.tenantId, delivery.recipient));
  const body = withOptOutDisclosure(message.body ?? '', { firstAutomated });
  const result = await twilio.sendSms({ to: delivery.recipient, body, statusCallback: statusCallbackUrl(runtime) });
  if (result.ok) {
    await recordOutbound(runtime, delivery, lead, result.sid, body);
    return finish(runtime, delivery, { status: 'sent', deliveryId: delivery.id, providerMessageId: result.sid });
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
    return suppress(runtime, delivery, lead, 'carrier reports the number opted out (Twilio 21610)');
  }
  return finish(runtime, delivery, {
    status: 'failed',
    deliveryId: delivery.id,
    error: `${result.code}: ${result.message}`,
    permanent: result.permanent,
  });
}

async function sendEmail(
  runtime: Runtime,
  delivery: DeliveryRow,
  message: LeadMessageRow,
  lead: Lead,
): Promise<LeadSendOutcome> {
  const sendgrid = sendgridService(runtime);
  if (!sendgrid)
    return finish(runtime, delivery, {
      status: 'failed',
      deliveryId: delivery.id,
      error: 'SendGrid is not configured',
      permanent: true,
    });
  const tenant = await getTenant(runtime.db, delivery.tenantId);
  const from = tenant ? messagingSettings(tenant).email.from : undefined;
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
    return finish(runtime, delivery, { status: 'sent', deliveryId: delivery.id, providerMessageId: result.messageId });
  }
  return finish(runtime, delivery, {
    status: 'failed',
    deliveryId: delivery.id,
    error: result.message,
    permanent: result.permanent,
  });
}

async function recordOutbound(
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

async function suppress(runtime: Runtime, delivery: DeliveryRow, lead: Lead, reason: string): Promise<LeadSendOutcome> {
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
  runtime.logger.info(
    { deliveryId: delivery.id, channel: delivery.channel, to: mask(delivery), reason },
    'message to lead suppressed',
  );
  return finish(runtime, delivery, { status: 'suppressed', deliveryId: delivery.id, reason });
}

async function finish(runtime: Runtime, delivery: DeliveryRow, outcome: LeadSendOutcome): Promise<LeadSendOutcome> {
  const now = runtime.clock.now();
  if (outcome.status === 'sent') {
    await updateDelivery(runtime.db, delivery.id, {
      status: 'sent',
      providerMessageId: outcome.providerMessageId ?? null,
      sentAt: now,
      statusAt: now,
      error: null,
    });
  } else if (outcome.status === 'suppressed') {
    await updateDelivery(runtime.db, delivery.id, { status: 'suppressed', error: outcome.reason, statusAt: now });
  } else if (outcome.status === 'failed') {
    // A transient failure goes back to pending so the job's retry can claim it again.
    await updateDelivery(runtime.db, delivery.id, {
      status: outcome.permanent ? 'failed' : 'pending',
      error: outcome.error,
      statusAt: now,
    });
    runtime.logger.warn(
      { deliveryId: delivery.id, to: mask(delivery), error: maskText(outcome.error), permanent: outcome.permanent },
      'message to lead failed',
    );
  }
  return outcome;
}

const mask = (d: DeliveryRow) => (d.channel === 'sms' ? maskPhone(d.recipient) : maskEmail(d.recipient));
