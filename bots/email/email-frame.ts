import type { EmailFrame, ListingEmailView } from '../../core/messaging/render-email.ts';
import type { Lead } from '../../db/queries/leads.ts';
import type { Tenant } from '../../db/queries/tenants.ts';
import type { ListingRow } from '../../db/queries/listings/get-listing.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { messagingSettings, senderName } from '../../core/messaging/messaging-settings.ts';
import { leadListingUrl } from '../../core/messaging/lead-listing-url.ts';
import { listingDisplay } from '../../core/listings/listing-display.ts';
import { unsubscribeUrl } from './unsubscribe-url.ts';

/** Sender, CAN-SPAM address and the signed unsubscribe link every lead email carries. */
export function emailFrame(runtime: Runtime, tenant: Tenant, lead: Lead): EmailFrame {
  return {
    ...(lead.firstName ? { leadFirstName: lead.firstName } : {}),
    teamName: senderName(tenant),
    postalAddress: messagingSettings(tenant).email.postalAddress,
    unsubscribeUrl: unsubscribeUrl(runtime, { tenantId: tenant.id, channel: 'email', address: lead.email! }),
  };
}

/**
 * A stored listing as an email (or a text) shows it. The view link is the tenant's MLS/IDX template when
 * set, else the lead's own listing page (`/l/<token>`), which records what the lead does there.
 */
export function listingEmailView(
  runtime: Runtime,
  tenant: Tenant,
  listing: ListingRow,
  whyMatched: string[],
  link: { leadId: string; via: 'sms' | 'email' },
): ListingEmailView {
  const shown = listingDisplay(listing);
  const url = leadListingUrl(
    { env: runtime.env, tenant, now: runtime.clock.now() },
    { tenantId: tenant.id, leadId: link.leadId, listingKey: listing.listingKey, via: link.via },
  );
  return {
    listingKey: shown.listingKey,
    url,
    address: shown.address,
    ...(shown.city ? { city: shown.city } : {}),
    ...(shown.photoUrl ? { photoUrl: shown.photoUrl } : {}),
    price: shown.price,
    ...(shown.previousPrice ? { previousPrice: shown.previousPrice } : {}),
    ...(shown.beds !== undefined ? { beds: shown.beds } : {}),
    ...(shown.baths !== undefined ? { baths: shown.baths } : {}),
    ...(shown.livingArea !== undefined ? { livingArea: shown.livingArea } : {}),
    whyMatched,
  };
}

/** The match breakdown's strongest reasons, in the words the matcher wrote them. */
export function whyMatched(breakdown: Array<{ score: number; weight: number; text: string }>, max = 3): string[] {
  return [...breakdown]
    .filter((b) => b.text && b.score > 0)
    .sort((a, b) => b.score * b.weight - a.score * a.weight)
    .slice(0, max)
    .map((b) => b.text);
}
