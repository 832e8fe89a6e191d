import type { EmailFrame, ListingEmailView } from '../../core/messaging/render-email.ts';
import type { Lead } from '../../db/queries/leads.ts';
import type { Tenant } from '../../db/queries/tenants.ts';
import type { listings } from '../../db/schema/index.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { messagingSettings, senderName } from '../sms/messaging-settings.ts';
import { unsubscribeUrl } from './unsubscribe-url.ts';

type ListingRow = typeof listings.$inferSelect;

/** Sender, CAN-SPAM address and the signed unsubscribe link every lead email carries. */
export function emailFrame(runtime: Runtime, tenant: Tenant, lead: Lead): EmailFrame {
  return {
    ...(lead.firstName ? { leadFirstName: lead.firstName } : {}),
    teamName: senderName(tenant),
    postalAddress: messagingSettings(tenant).email.postalAddress,
    unsubscribeUrl: unsubscribeUrl(runtime, { tenantId: tenant.id, channel: 'email', address: lead.email! }),
  };
}

const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

/**
 * A stored listing as an email shows it. The view link is the tenant's listing URL template, else
 * the feed's own URL; the first photo comes from RESO `Media`.
 */
export function listingEmailView(
  runtime: Runtime,
  tenant: Tenant,
  listing: ListingRow,
  whyMatched: string[],
): ListingEmailView {
  const d = listing.data ?? {};
  const template = messagingSettings(tenant).listingUrlTemplate;
  const url = template
    ? template.replace('{listingKey}', encodeURIComponent(listing.listingKey))
    : (str(d.ListingURL) ??
      `${runtime.env.PUBLIC_BASE_URL.replace(/\/$/, '')}/listings/${encodeURIComponent(listing.listingKey)}`);
  const media = Array.isArray(d.Media) ? (d.Media as Array<{ MediaURL?: unknown }>) : [];
  const photoUrl = str(media[0]?.MediaURL) ?? str(d.PhotoURL);
  const street = [d.StreetNumber, d.StreetName, d.StreetSuffix]
    .filter((x) => typeof x === 'string' || typeof x === 'number')
    .join(' ');
  const address = str(d.UnparsedAddress) ?? (street || listing.listingKey);
  return {
    listingKey: listing.listingKey,
    url,
    address,
    ...(listing.city ? { city: listing.city } : {}),
    ...(photoUrl ? { photoUrl } : {}),
    price: listing.listPrice ?? 0,
    ...(listing.originalListPrice && listing.listPrice && listing.originalListPrice > listing.listPrice
      ? { previousPrice: listing.originalListPrice }
      : {}),
    ...(listing.bedroomsTotal !== null ? { beds: listing.bedroomsTotal } : {}),
    ...(listing.bathroomsTotalInteger !== null ? { baths: listing.bathroomsTotalInteger } : {}),
    ...(listing.livingArea !== null ? { livingArea: listing.livingArea } : {}),
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
