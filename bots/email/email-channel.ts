import type { Channel } from '../channel.ts';
import { deliverListingToLead } from '../lead-messages/deliver-listing-to-lead.ts';
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
  deliverAlert: async (runtime, delivery) =>
    delivery.recipientKind === 'lead'
      ? deliverListingToLead(runtime, delivery, 'email')
      : { status: 'failed', error: 'the email channel only writes to leads', permanent: true },
};
