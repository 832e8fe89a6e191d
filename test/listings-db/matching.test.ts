import { describe, expect, it } from 'vitest';
import { SavedSearchCriteria } from '../../core/search/saved-search.ts';
import { createSavedSearch } from '../../db/queries/saved-searches.ts';
import { upsertListings } from '../../db/use-cases/listings/upsert-listings.ts';
import { alertsFor, austinHome, drain, matchesFor, queued, team, type Team } from './listings-fixture.ts';

async function anaSearches(t: Team, criteria: Record<string, unknown>) {
  return createSavedSearch(t.rt.db, {
    tenantId: t.tenant.id,
    leadId: t.ana.id,
    criteria: SavedSearchCriteria.parse(criteria),
    origin: 'api',
    now: t.clock.now(),
  });
}

describe('matching a listing change against saved searches', () => {
  it('a new Austin listing under budget becomes a match and a listing_match alert for the lead', async () => {
    const t = await team();
    const search = await anaSearches(t, { maxPrice: 650_000, minBeds: 3, cities: ['Austin'], keywords: ['pool'] });
    await anaSearches(t, { maxPrice: 400_000, cities: ['Austin'] }); // too cheap for this home
    await upsertListings(t.rt, { tenantId: t.tenant.id, listings: [austinHome()], source: 'api' });
    await drain(t.rt);

    const found = await matchesFor(t.rt, t.tenant.id, 'ATX-1');
    expect(found).toEqual([expect.objectContaining({ savedSearchId: search.id, leadId: t.ana.id })]);
    expect(found[0].score).toBeGreaterThanOrEqual(70);
    expect(found[0].breakdown.map((f) => f.factor)).toEqual(
      expect.arrayContaining(['price', 'location', 'beds', 'keywords']),
    );
    const raised = await alertsFor(t.rt, t.tenant.id);
    expect(raised).toEqual([
      expect.objectContaining({ kind: 'listing_match', leadId: t.ana.id, listingKey: 'ATX-1', matchId: found[0].id }),
    ]);
    expect(await queued(t.rt, 'alert.route')).toEqual([{ tenantId: t.tenant.id, alertId: raised[0].id }]);
  });

  it('the same change delivered twice gives no second match and no second alert', async () => {
    const t = await team();
    await anaSearches(t, { maxPrice: 650_000, postalCodes: ['78704'] });
    await upsertListings(t.rt, { tenantId: t.tenant.id, listings: [austinHome()], source: 'api' });
    const [changed] = await queued(t.rt, 'listing.changed');
    // A retried job and a duplicate send: both run the handlers again for the same change.
    await t.rt.queue.enqueue('listing.changed', changed as never);
    await t.rt.queue.enqueue('listing.changed', changed as never);
    await drain(t.rt);
    await upsertListings(t.rt, { tenantId: t.tenant.id, listings: [austinHome()], source: 'reso' }); // replayed feed row
    await drain(t.rt);
    expect(await matchesFor(t.rt, t.tenant.id)).toHaveLength(1);
    expect(await alertsFor(t.rt, t.tenant.id)).toHaveLength(1);
  });

  it('a price drop on a listing the lead matched raises price_drop, not a second listing_match', async () => {
    const t = await team();
    await anaSearches(t, { maxPrice: 600_000, cities: ['austin'] });
    await upsertListings(t.rt, { tenantId: t.tenant.id, listings: [austinHome()], source: 'api' });
    await drain(t.rt);
    await upsertListings(t.rt, {
      tenantId: t.tenant.id,
      listings: [austinHome({ ListPrice: 499_000, ModificationTimestamp: '2026-03-02T09:00:00Z' })],
      source: 'api',
    });
    await drain(t.rt);
    const raised = (await alertsFor(t.rt, t.tenant.id)).map((a) => a.kind).sort();
    expect(raised).toEqual(['listing_match', 'price_drop']);
    expect(await matchesFor(t.rt, t.tenant.id)).toHaveLength(2);
  });

  it('back on market alerts leads who matched it before', async () => {
    const t = await team();
    await anaSearches(t, { maxPrice: 600_000, near: { lat: 30.25, lon: -97.76, miles: 3 } });
    await upsertListings(t.rt, { tenantId: t.tenant.id, listings: [austinHome()], source: 'api' });
    await drain(t.rt);
    await upsertListings(t.rt, {
      tenantId: t.tenant.id,
      listings: [austinHome({ StandardStatus: 'Pending', ModificationTimestamp: '2026-03-01T12:00:00Z' })],
      source: 'api',
    });
    await drain(t.rt);
    await upsertListings(t.rt, {
      tenantId: t.tenant.id,
      listings: [austinHome({ StandardStatus: 'Active', ModificationTimestamp: '2026-03-02T12:00:00Z' })],
      source: 'api',
    });
    await drain(t.rt);
    expect((await alertsFor(t.rt, t.tenant.id)).map((a) => a.kind).sort()).toEqual(['back_on_market', 'listing_match']);
  });

  it('daily searches store the match for the digest without alerting; the tenant threshold is honoured', async () => {
    const strict = await team({ matching: { threshold: 99 } });
    await anaSearches(strict, { maxPrice: 650_000, cities: ['Austin'] });
    await upsertListings(strict.rt, {
      tenantId: strict.tenant.id,
      listings: [austinHome({ DaysOnMarket: 40 })],
      source: 'api',
    });
    await drain(strict.rt);
    expect(await matchesFor(strict.rt, strict.tenant.id)).toEqual([]);

    const t = await team();
    await anaSearches(t, { maxPrice: 650_000, cities: ['Austin'], frequency: 'daily' });
    await upsertListings(t.rt, { tenantId: t.tenant.id, listings: [austinHome()], source: 'api' });
    await drain(t.rt);
    expect(await matchesFor(t.rt, t.tenant.id)).toHaveLength(1);
    expect(await alertsFor(t.rt, t.tenant.id)).toEqual([]);
  });
});

describe('matching a new saved search against current listings', () => {
  it('finds the active listings that fit, and ignores sold or out-of-area ones', async () => {
    const t = await team();
    await upsertListings(t.rt, {
      tenantId: t.tenant.id,
      source: 'import',
      listings: [
        austinHome(),
        austinHome({ ListingKey: 'ATX-SOLD', StandardStatus: 'Closed', ClosePrice: 530_000 }),
        austinHome({ ListingKey: 'DEN-1', City: 'Denver', PostalCode: '80202', Latitude: 39.75, Longitude: -105 }),
      ],
    });
    await drain(t.rt);
    const res = await t.rt.queue.enqueue('listing.match', {
      direction: 'search',
      tenantId: t.tenant.id,
      savedSearchId: (await anaSearches(t, { maxPrice: 600_000, postalCodes: ['78704'] })).id,
    });
    expect(res).toBeTruthy();
    await drain(t.rt);
    expect((await matchesFor(t.rt, t.tenant.id)).map((m) => m.listingKey)).toEqual(['ATX-1']);
    expect(await alertsFor(t.rt, t.tenant.id)).toEqual([
      expect.objectContaining({ kind: 'listing_match', listingKey: 'ATX-1' }),
    ]);
  });
});
