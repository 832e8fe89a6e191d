import { eq } from 'drizzle-orm';
import { createHarness, type Harness } from './harness.ts';
import { fixedClock } from '../helpers/runtime.ts';
import { makeAgent } from '../helpers/factories.ts';
import { SavedSearchCriteria } from '../../core/search/saved-search.ts';
import { createLead, type Lead } from '../../db/queries/leads.ts';
import { createSavedSearch } from '../../db/queries/saved-searches.ts';
import type { Agent } from '../../db/queries/tenants.ts';
import { upsertListings } from '../../db/use-cases/listings/upsert-listings.ts';
import { deliveries, leadListingSends } from '../../db/schema/index.ts';
import { createChannelRegistry } from '../../bots/registry.ts';
import type { Channel } from '../../bots/channel.ts';

/** Wednesday noon in Chicago: inside every quiet-hours window. */
export const NOON_CHICAGO = '2026-06-10T17:00:00Z';
export const ANA_PHONE = '+13125550142';
export const ANA_EMAIL = 'ana.lopez@example.com';

export interface InstantWorld {
  h: Harness;
  clock: ReturnType<typeof fixedClock>;
  ana: Lead;
  agent: Agent;
  /** What the agent's chat channel (a stand-in Slack) was sent as plain notes. */
  notes: string[];
}

/**
 * A team with a linked agent on a stand-in Slack, and Ana, a Chicago buyer (312 number, 60614) assigned to
 * that agent, with an instant search for Austin homes up to $600k.
 */
export async function instantWorld(
  options: { at?: string; settings?: Record<string, unknown>; phone?: string | null; email?: string | null } = {},
): Promise<InstantWorld> {
  const clock = fixedClock(options.at ?? NOON_CHICAGO);
  const h = await createHarness({ clock, settings: options.settings });
  const notes: string[] = [];
  const slack: Channel = {
    name: 'slack',
    available: () => true,
    addressOf: (agent) => agent.slackUserId,
    deliverAlert: async () => ({ status: 'sent' }),
    sendText: async (_rt, delivery) => {
      notes.push(delivery.text);
      return { status: 'sent' };
    },
  };
  h.rt.channels = createChannelRegistry([slack, ...h.rt.channels.all]);
  const agent = await makeAgent(h.rt, h.tenant.id, { name: 'Rosa Diaz', slackUserId: 'U0ROSA' });
  const ana = await createLead(h.rt.db, {
    tenantId: h.tenant.id,
    name: 'Ana Lopez',
    firstName: 'Ana',
    phone: options.phone === undefined ? ANA_PHONE : options.phone,
    email: options.email === undefined ? ANA_EMAIL : options.email,
    postalCode: '60614',
    assigneeId: agent.id,
  });
  await instantSearch({ h, clock, ana });
  return { h, clock, ana, agent, notes };
}

export async function instantSearch(w: Pick<InstantWorld, 'h' | 'clock' | 'ana'>) {
  return createSavedSearch(w.h.rt.db, {
    tenantId: w.h.tenant.id,
    leadId: w.ana.id,
    criteria: SavedSearchCriteria.parse({ maxPrice: 600_000, cities: ['Austin'], frequency: 'instant' }),
    origin: 'api',
    now: w.clock.now(),
  });
}

/** An Austin home as the feed sends it. */
export function home(key: string, address: string, price: number): Record<string, unknown> {
  return {
    ListingKey: key,
    StandardStatus: 'Active',
    ListPrice: price,
    OriginalListPrice: price,
    ModificationTimestamp: '2026-06-10T10:00:00Z',
    PropertyType: 'Residential',
    PropertySubType: 'SingleFamilyResidence',
    UnparsedAddress: address,
    BedroomsTotal: 3,
    BathroomsTotalInteger: 2,
    LivingArea: 1850,
    City: 'Austin',
    PostalCode: '78704',
    DaysOnMarket: 1,
  };
}

/** Listings arrive through the one upsert path; then matching, the instant send and every delivery run. */
export async function listHomes(w: InstantWorld, homes: Record<string, unknown>[], options = { send: true }) {
  await upsertListings(w.h.rt, { tenantId: w.h.tenant.id, listings: homes, source: 'api' });
  // A deferred text's job is due by the database's clock at once (the test clock is months behind it), so a test
  // of quiet hours runs `sms.send` itself instead of draining it.
  const send = options.send ? (['sms.send'] as const) : [];
  await w.h.drain('listing.changed', 'listing.match', 'lead.listing_send', ...send, 'alert.deliver');
}

export async function instantRows(w: InstantWorld) {
  return w.h.rt.db.select().from(leadListingSends).where(eq(leadListingSends.leadId, w.ana.id));
}

export async function deliveryTo(w: InstantWorld, recipient: string) {
  return w.h.rt.db.select().from(deliveries).where(eq(deliveries.recipient, recipient));
}

/** The `/l/:token` links in a message. */
export const listingLinks = (text: string): string[] =>
  [...text.matchAll(/https:\/\/porchlight\.test\/l\/[\w.-]+/g)].map((m) => m[0]);
