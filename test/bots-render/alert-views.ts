import type { AlertKind, AlertView } from '../../bots/message/alert-message.ts';

/** One realistic alert per kind; listing kinds carry a listing, lead kinds do not. */
export function alertView(kind: AlertKind, overrides: Partial<AlertView> = {}): AlertView {
  const withListing = kind === 'listing_match' || kind === 'price_drop' || kind === 'back_on_market';
  return {
    alertId: '12',
    kind,
    priority: 'high',
    status: 'open',
    lead: {
      name: 'Ana Lopez',
      phoneMasked: '+1******0123',
      score: 86,
      temperature: 'hot',
      reasons: ['Pre-approved for $480k', 'Viewed 6 listings this week'],
    },
    ...(withListing
      ? {
          listing: {
            listingKey: 'ACT-20931',
            address: '1408 Oak Hollow Dr, Austin',
            price: 449000,
            beds: 3,
            baths: 2,
            dealScore: 78,
            photoUrl: 'https://photos.example.com/act-20931.jpg',
          },
          matchScore: 91,
        }
      : {}),
    reason: REASON[kind],
    assignOptions: [
      { name: 'Maria Diaz', handle: 'maria' },
      { name: 'Joe Kim', handle: 'joe' },
    ],
    ...overrides,
  };
}

const REASON: Record<AlertKind, string> = {
  hot_lead: 'Score jumped from 61 to 86 after a pre-approval upload',
  listing_match: 'Matches her search: 3 bd under $475k in Austin',
  price_drop: 'Dropped $26,000 to $449,000',
  back_on_market: 'Back on market after a failed inspection',
  lead_reply: 'Replied: "Can we see it Saturday?"',
  stale_lead: 'No contact for 9 days while score is 86',
};

export const ALL_KINDS: AlertKind[] = [
  'hot_lead',
  'listing_match',
  'price_drop',
  'back_on_market',
  'lead_reply',
  'stale_lead',
];
