/** "$450k", "$1.25M": a price an agent reads at a glance in a one-line note. */
export function shortPrice(n: number): string {
  if (n >= 1_000_000) return `$${Number((n / 1_000_000).toFixed(2))}M`;
  if (n >= 1_000) return `$${Math.round(n / 1_000)}k`;
  return `$${Math.round(n)}`;
}

export interface InstantSendNoteInput {
  leadName: string;
  address: string;
  price: number | null;
  channel: 'sms' | 'email';
  action: 'send' | 'draft';
  /** The match alert the agent can approve it from ("Send to lead"). */
  alertId?: string | null;
}

/**
 * The agent's copy of an automatic send, on their chat channel: "Sent Ana 12 Oak St ($450k) by text". Only
 * the first name: enough to know whom, without writing her full name into a channel's history.
 */
export function instantSendNote(input: InstantSendNoteInput): string {
  const first = input.leadName.trim().split(/\s+/)[0] || 'your lead';
  const home = input.price !== null ? `${input.address} (${shortPrice(input.price)})` : input.address;
  const by = input.channel === 'sms' ? 'by text' : 'by email';
  if (input.action === 'send') return `Sent ${first} ${home} ${by} (her instant search).`;
  const approve = input.alertId ? ` Approve with Send to lead on alert #${input.alertId}.` : '';
  return `Ready to send ${first} ${home} ${by}, waiting for your approval.${approve}`;
}

/** The street address a lead or agent recognises, else the city and ZIP, else the listing key. */
export function listingAddressOf(listing: {
  listingKey: string;
  city: string | null;
  postalCode: string | null;
  data: Record<string, unknown>;
}): string {
  const unparsed = listing.data.UnparsedAddress;
  if (typeof unparsed === 'string' && unparsed) return unparsed;
  return [listing.city, listing.postalCode].filter(Boolean).join(' ') || listing.listingKey;
}
