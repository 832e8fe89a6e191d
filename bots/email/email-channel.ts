import type { Channel, AlertDelivery, DeliveryResult } from '../channel.ts';
import { renderListingMatchEmail } from '../../core/messaging/render-email.ts';
import { getListingRow, getMatchBreakdown } from '../../db/queries/messaging.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { alertLead, deliverToLead } from '../sms/lead-alert-delivery.ts';
import { emailFrame, listingEmailView, whyMatched } from './email-frame.ts';
import { sendgridService } from './sendgrid-service.ts';

/**
 * Listing-match emails to leads (HTML + text, photo, price, beds/baths, why it matched), with
 * custom_args naming tenant/lead/alert/delivery and RFC 8058 one-click unsubscribe headers.
 * Agents are reached in chat or by SMS, so no agent has an email address here.
 */
export const emailChannel: Channel = {
  name: 'email',
  available: (runtime) => sendgridService(runtime) !== null,
  addressOf: () => null,
  deliverAlert: (runtime, delivery) => toLead(runtime, delivery),
};

async function toLead(runtime: Runtime, delivery: AlertDelivery): Promise<DeliveryResult> {
  if (delivery.recipientKind !== 'lead')
    return { ok: false, error: 'the email channel only writes to leads', permanent: true };
  const found = await alertLead(runtime, delivery);
  if (!('lead' in found)) return found;
  const key = delivery.view.listing?.listingKey;
  const row = key ? await getListingRow(runtime.db, delivery.tenant.id, key) : undefined;
  if (!row) return { ok: false, error: 'the alert names no stored listing', permanent: true };
  if (!found.lead.email) return { ok: false, error: 'lead has no email address', permanent: true };
  const reasons = whyMatched(found.matchId ? await getMatchBreakdown(runtime.db, found.matchId) : []);
  const email = renderListingMatchEmail(
    emailFrame(runtime, delivery.tenant, found.lead),
    listingEmailView(runtime, delivery.tenant, row, reasons),
  );
  return deliverToLead(runtime, delivery, found.lead, {
    channel: 'email',
    alertId: found.alertId,
    body: email.text,
    subject: email.subject,
    html: email.html,
  });
}
