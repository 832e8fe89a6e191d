import type { Channel, AlertDelivery, DeliveryResult } from '../channel.ts';
import { isSendAllowed, setConsent } from '../../db/queries/consent.ts';
import { getListingRow } from '../../db/queries/messaging.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { listingEmailView } from '../email/email-frame.ts';
import { alertSmsText, listingSmsText } from './alert-sms-text.ts';
import { alertLead, deliverToLead } from './lead-alert-delivery.ts';
import { senderName } from './messaging-settings.ts';
import { statusCallbackUrl, twilioService } from './twilio-service.ts';

/**
 * SMS for two audiences. Agents get critical alerts as a text they answer with 1 (claim) or 2
 * (pass), handled by sms.inbound. Leads get "Send to lead" listings, always through send-to-lead
 * so consent, quiet hours and the disclosure apply.
 */
export const smsChannel: Channel = {
  name: 'sms',
  available: (runtime) => twilioService(runtime) !== null,
  addressOf: (agent) => agent.phone ?? null,
  deliverAlert: (runtime, delivery) =>
    delivery.recipientKind === 'lead' ? toLead(runtime, delivery) : toAgent(runtime, delivery),
};

async function toAgent(runtime: Runtime, delivery: AlertDelivery): Promise<DeliveryResult> {
  const twilio = twilioService(runtime);
  if (!twilio) return { ok: false, error: 'Twilio is not configured', permanent: true };
  // Agents can text STOP too; the ledger binds us to them as much as to leads.
  if (!(await isSendAllowed(runtime.db, delivery.tenant.id, 'sms', delivery.recipient))) {
    return { ok: false, error: 'agent phone opted out of texts', permanent: true, suppressed: true };
  }
  const result = await twilio.sendSms({
    to: delivery.recipient,
    body: alertSmsText(delivery.view),
    statusCallback: statusCallbackUrl(runtime),
  });
  if (result.ok) return { ok: true, providerMessageId: result.sid };
  if (result.optedOut) {
    await setConsent(runtime.db, {
      tenantId: delivery.tenant.id,
      channel: 'sms',
      address: delivery.recipient,
      status: 'opted_out',
      source: 'twilio_21610',
      reason: result.message,
    });
    return {
      ok: false,
      error: 'carrier reports the number opted out (Twilio 21610)',
      permanent: true,
      suppressed: true,
    };
  }
  return { ok: false, error: `${result.code}: ${result.message}`, permanent: result.permanent };
}

async function toLead(runtime: Runtime, delivery: AlertDelivery): Promise<DeliveryResult> {
  const found = await alertLead(runtime, delivery);
  if (!('lead' in found)) return found;
  const listing = delivery.view.listing;
  if (!listing) return { ok: false, error: 'only listing alerts can be sent to a lead', permanent: true };
  const row = await getListingRow(runtime.db, delivery.tenant.id, listing.listingKey);
  const url = row
    ? listingEmailView(runtime, delivery.tenant, row, []).url
    : `${runtime.env.PUBLIC_BASE_URL.replace(/\/$/, '')}/listings/${encodeURIComponent(listing.listingKey)}`;
  const body = listingSmsText(listing, url, senderName(delivery.tenant));
  return deliverToLead(runtime, delivery, found.lead, { channel: 'sms', alertId: found.alertId, body });
}
