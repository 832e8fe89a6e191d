import type { Channel, AlertDelivery, DeliveryResult } from '../channel.ts';
import { isSendAllowed, setConsent } from '../../db/queries/consent.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { deliverListingToLead } from '../lead-messages/deliver-listing-to-lead.ts';
import { alertSmsText } from './alert-sms-text.ts';
import { findSentSms, smsFingerprint } from './find-sent-sms.ts';
import { statusCallbackUrl, twilioService } from './twilio-service.ts';

/**
 * SMS for two audiences. Agents get critical alerts as a text they answer with 1 (claim) or 2
 * (pass), handled by sms.inbound, and plain texts (the answer to that 1 or 2). Leads get
 * "Send to lead" listings, always through the lead-message pipeline so consent, quiet hours and
 * the disclosure apply.
 */
export const smsChannel: Channel = {
  name: 'sms',
  available: (runtime) => twilioService(runtime) !== null,
  addressOf: (agent) => agent.phone ?? null,
  deliverAlert: (runtime, delivery) =>
    delivery.recipientKind === 'lead'
      ? deliverListingToLead(runtime, delivery, 'sms')
      : textAgent(runtime, delivery, alertSmsText(delivery.view)),
  sendText: (runtime, delivery) => textAgent(runtime, delivery, delivery.text),
  /**
   * A text to an agent whose worker died mid-send: found in Twilio's list by its fingerprint. If
   * Twilio cannot be asked it is sent again: one duplicate alert beats a missed one.
   */
  async findDelivered(runtime, delivery) {
    // No fingerprint: the attempt died before it called Twilio.
    if (!delivery.handedOver) return null;
    const found = await findSentSms(runtime, { ...delivery, handedOver: delivery.handedOver });
    return found.status === 'sent' ? { status: 'sent', providerMessageId: found.providerMessageId } : null;
  },
};

async function textAgent(
  runtime: Runtime,
  delivery: Omit<AlertDelivery, 'view'>,
  body: string,
): Promise<DeliveryResult> {
  const twilio = twilioService(runtime);
  if (!twilio) return { status: 'failed', error: 'Twilio is not configured', permanent: true };
  // Agents can text STOP too; the ledger binds us to them as much as to leads.
  if (!(await isSendAllowed(runtime.db, delivery.tenant.id, 'sms', delivery.recipient)))
    return { status: 'suppressed', reason: 'agent phone opted out of texts' };
  await delivery.markHandedOver?.(smsFingerprint(delivery.recipient, body));
  const result = await twilio.sendSms({ to: delivery.recipient, body, statusCallback: statusCallbackUrl(runtime) });
  if (result.ok) return { status: 'sent', providerMessageId: result.sid };
  if (result.optedOut) {
    await setConsent(runtime.db, {
      tenantId: delivery.tenant.id,
      channel: 'sms',
      address: delivery.recipient,
      status: 'opted_out',
      source: 'twilio_21610',
      reason: result.message,
    });
    return { status: 'suppressed', reason: 'carrier reports the number opted out (Twilio 21610)' };
  }
  return { status: 'failed', error: `${result.code}: ${result.message}`, permanent: result.permanent };
}
