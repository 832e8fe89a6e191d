import type { AlertView } from '../message/alert-message.ts';
import { formatPrice } from '../../core/messaging/render-email.ts';

const HEADLINE: Record<string, string> = {
  hot_lead: 'Hot lead',
  listing_match: 'New match',
  price_drop: 'Price drop',
  back_on_market: 'Back on market',
  lead_reply: 'Lead replied',
  stale_lead: 'Going cold',
};

/**
 * An alert as one text to an agent. Plain GSM-7 (no emoji) keeps it to as few segments as
 * possible; the last line is the whole interface: 1 claims, 2 passes.
 */
export function alertSmsText(view: AlertView): string {
  const lead = [view.lead.name, view.lead.phoneMasked, `score ${view.lead.score}`].filter(Boolean).join(', ');
  const listing = view.listing ? `\n${view.listing.address}, ${formatPrice(view.listing.price)}` : '';
  return `Porchlight ${HEADLINE[view.kind] ?? 'Alert'} #${view.alertId}: ${lead}. ${view.reason}${listing}\nReply 1 to claim, 2 to pass.`;
}

/** A matched listing as a text to the lead ("Send to lead"). */
export function listingSmsText(
  listing: { address: string; price: number; beds?: number | null; baths?: number | null },
  url: string,
  teamName: string,
): string {
  const facts = [listing.beds != null ? `${listing.beds} bd` : '', listing.baths != null ? `${listing.baths} ba` : '']
    .filter(Boolean)
    .join('/');
  return `${teamName}: a home that fits your search: ${listing.address}, ${formatPrice(listing.price)}${facts ? `, ${facts}` : ''}. ${url}`;
}
