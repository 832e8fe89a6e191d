import { renderListingMatchEmail } from '../../core/messaging/render-email.ts';
import { getListing } from '../../db/queries/listings/get-listing.ts';
import type { Lead } from '../../db/queries/leads.ts';
import { matchBreakdown } from '../../db/queries/messaging/match-breakdown.ts';
import type { Tenant } from '../../db/queries/tenants.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { emailFrame, listingEmailView, whyMatched } from '../email/email-frame.ts';
import type { AlertView } from '../message/alert-message.ts';
import { listingSmsText } from '../sms/alert-sms-text.ts';
import { senderName } from '../../core/messaging/messaging-settings.ts';
import { leadListingUrl } from '../../core/messaging/lead-listing-url.ts';
import { isAppError } from '../../core/errors/app-error.ts';

export interface ListingMessage {
  body: string;
  subject?: string;
  html?: string;
}

/**
 * An alert's listing written for its lead ("Send to lead"): a short text with the link, or the
 * listing-match email (photo, price, beds/baths, why it matched). A string says why there is
 * nothing to send; retrying would not change it.
 * @example await composeListingMessage(runtime, { tenant, view, lead, matchId, channel: 'sms' })
 */
export async function composeListingMessage(
  runtime: Runtime,
  input: {
    tenant: Tenant;
    view: Pick<AlertView, 'listing'>;
    lead: Lead;
    matchId: string | null;
    channel: 'sms' | 'email';
  },
): Promise<ListingMessage | string> {
  try {
    return await compose(runtime, input);
  } catch (error) {
    // Links to leads are signed with APP_SECRET: without it no retry can write this message.
    if (isAppError(error) && error.code === 'invalid_config') return error.message;
    throw error;
  }
}

async function compose(
  runtime: Runtime,
  input: Parameters<typeof composeListingMessage>[1],
): Promise<ListingMessage | string> {
  const { tenant, view, lead } = input;
  if (input.channel === 'sms') {
    if (!view.listing) return 'only listing alerts can be sent to a lead';
    const url = leadListingUrl(
      { env: runtime.env, tenant, now: runtime.clock.now() },
      { tenantId: tenant.id, leadId: lead.id, listingKey: view.listing.listingKey, via: 'sms' },
    );
    return { body: listingSmsText(view.listing, url, senderName(tenant)) };
  }
  const row = view.listing ? await getListing(runtime.db, tenant.id, view.listing.listingKey) : undefined;
  if (!row) return 'the alert names no stored listing';
  if (!lead.email) return 'lead has no email address';
  const reasons = whyMatched(input.matchId ? await matchBreakdown(runtime.db, input.matchId) : []);
  const email = renderListingMatchEmail(
    emailFrame(runtime, tenant, lead),
    listingEmailView(runtime, tenant, row, reasons, { leadId: lead.id, via: 'email' }),
  );
  return { body: email.text, subject: email.subject, html: email.html };
}
