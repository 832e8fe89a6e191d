import type { Listing } from '../../core/listings/listing.ts';
import { DEMO_LEADS, DEMO_TENANT } from './demo-team.ts';
import { parseSearchText } from '../../core/search/parse-search-text.ts';
import { scoreMatch } from '../../core/matching/score-match.ts';

export type DemoStep =
  | { kind: 'ghl'; say: string; payload: Record<string, unknown> }
  | { kind: 'listing'; say: string; listing: Listing; previousPrice?: number };

/**
 * A compressed day at a real-estate team: new contacts arrive, leads text back fast (the signal
 * that makes them hot), an opportunity moves, and the market changes under the saved searches
 * (a new listing, a price drop). `runId` keeps webhook ids unique so a second run replays anew.
 */
export function demoEvents(runId: string, now: Date, listings: Listing[]): DemoStep[] {
  const at = (minutesAgo: number) => new Date(now.getTime() - minutesAgo * 60_000).toISOString();
  const base = (type: string, n: number) => ({
    type,
    locationId: DEMO_TENANT.location,
    webhookId: `demo-${runId}-${n}`,
    timestamp: at(0),
  });
  const [ana, marcus, mei] = DEMO_LEADS;
  const steps: DemoStep[] = [
    {
      kind: 'ghl',
      say: 'New contact from Zillow: Olivia Brooks',
      payload: {
        ...base('ContactCreate', 1),
        id: `demo-olivia-${runId}`,
        name: 'Olivia Brooks',
        firstName: 'Olivia',
        lastName: 'Brooks',
        phone: '+15125550171',
        email: `olivia.brooks.${runId}@example.com`,
        source: 'zillow',
        tags: ['buyer', 'pre-approved'],
        city: 'Austin',
        postalCode: '78704',
        dateAdded: at(3),
        dnd: false,
        customFields: [],
      },
    },
    {
      kind: 'ghl',
      say: `${ana.name} texts back within minutes: pre-approved, and asks to see the Barton Springs one on Saturday`,
      payload: {
        ...base('InboundMessage', 2),
        contactId: ana.contactId,
        messageId: `demo-msg-${runId}-1`,
        conversationId: 'demo-conv-ana',
        body: 'Yes! Can we see the Barton Springs one this Saturday? We are pre-approved.',
        direction: 'inbound',
        messageType: 'SMS',
        contentType: 'text/plain',
        status: 'delivered',
        dateAdded: at(1),
        attachments: [],
      },
    },
    {
      kind: 'ghl',
      say: `${mei.name} replies by email`,
      payload: {
        ...base('InboundMessage', 3),
        contactId: mei.contactId,
        messageId: `demo-msg-${runId}-2`,
        conversationId: 'demo-conv-mei',
        body: 'We sold our place and want to close within 30 days. Cash buyer.',
        direction: 'inbound',
        messageType: 'Email',
        contentType: 'text/plain',
        status: 'delivered',
        dateAdded: at(1),
        attachments: [],
      },
    },
    {
      kind: 'ghl',
      say: `${marcus.name}'s opportunity moves to Showing`,
      payload: {
        ...base('OpportunityStageUpdate', 4),
        id: `demo-opp-${runId}`,
        contactId: marcus.contactId,
        name: `${marcus.name} purchase`,
        pipelineId: 'demo-pipeline',
        pipelineStageId: 'Showing',
        status: 'open',
        monetaryValue: 385000,
        assignedTo: 'demo-user-dev',
        source: 'website',
        dateAdded: at(2),
      },
    },
  ];
  // A new listing that fits Ana's search, and a price drop on one that fits Mei's.
  const fresh = listings.find(
    (l) =>
      l.City === 'Austin' && (l.BedroomsTotal ?? 0) >= 3 && l.ListPrice < 550_000 && l.PropertyType === 'Residential',
  );
  if (fresh) {
    steps.push({
      kind: 'listing',
      say: `New listing ${fresh.UnparsedAddress ?? fresh.ListingKey} at $${fresh.ListPrice.toLocaleString('en-US')}`,
      listing: {
        ...fresh,
        ListingKey: `${fresh.ListingKey}-N${runId}`,
        StandardStatus: 'Active',
        ModificationTimestamp: at(0),
        DaysOnMarket: 0,
      } as Listing,
    });
  }
  // The drop lands on a home that fits Mei's search once cheaper, so her agent hears about it.
  const meiSearch = parseSearchText(mei.search, { knownCities: ['Round Rock'] }).criteria;
  const dropped =
    listings
      .filter((l) => l.City === 'Round Rock' && l.StandardStatus === 'Active')
      .map((l) => ({
        l,
        fit: scoreMatch(meiSearch, { ...l, ListPrice: Math.round((l.ListPrice * 0.93) / 1000) * 1000 }),
      }))
      .filter(({ fit }) => fit.passed)
      .sort((a, b) => b.fit.score - a.fit.score)[0]?.l ??
    listings.find((l) => l.City === 'Round Rock' && l.StandardStatus === 'Active' && l.PropertyType === 'Residential');
  if (dropped) {
    const newPrice = Math.round((dropped.ListPrice * 0.93) / 1000) * 1000;
    steps.push({
      kind: 'listing',
      say: `Price drop: ${dropped.UnparsedAddress ?? dropped.ListingKey} now $${newPrice.toLocaleString('en-US')} (was $${dropped.ListPrice.toLocaleString('en-US')})`,
      listing: {
        ...dropped,
        ListPrice: newPrice,
        ModificationTimestamp: at(0),
        PriceChangeTimestamp: at(0),
      } as Listing,
      previousPrice: dropped.ListPrice,
    });
  }
  return steps;
}
