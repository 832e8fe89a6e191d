import { sql } from 'drizzle-orm';
import type { Listing } from '../core/listings/listing.ts';
import { MATCHABLE_STATUSES } from '../core/listings/reso-lookups.ts';
import { createRng } from '../core/synthetic/create-rng.ts';
import { generateListings } from '../core/synthetic/generate-listings.ts';
import { generateSavedSearches } from '../core/synthetic/generate-saved-searches.ts';
import { throwawayPostgres } from './porchlight-process.ts';
import { openDatabase, type Database } from '../db/client.ts';
import { insertListingChanges, listingValues, writeListings } from '../db/queries/listings/write-listings.ts';
import { createTenant } from '../db/queries/tenants.ts';
import { savedSearches } from '../db/schema/index.ts';

type GeneratedSearch = ReturnType<typeof generateSavedSearches>[number];

/** A throwaway database: in-memory PGlite, or a fresh database on the DATABASE_URL server. */
export async function openBenchDatabase(): Promise<{ database: Database; drop: () => Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (!url) return { database: await openDatabase({ pgliteDir: 'memory://' }), drop: async () => {} };
  const throwaway = await throwawayPostgres(url);
  const database = await openDatabase({ url: throwaway.url });
  return {
    database,
    drop: async () => {
      await database.close();
      await throwaway.drop();
    },
  };
}

/**
 * A bench team with one lead per generated saved search and the searches themselves, stored 1,000 rows
 * per statement: what matching and memory benches load.
 */
export async function seedSavedSearches(db: Database['db'], searches: GeneratedSearch[]): Promise<{ id: string }> {
  const { tenant } = await createTenant(db, { name: 'Bench Realty' });
  await db.execute(sql`insert into leads (id, tenant_id, name)
    select 'lead-' || lpad(i::text, 6, '0'), ${tenant.id}, 'Lead ' || i from generate_series(1, ${searches.length}) as i`);
  for (let i = 0; i < searches.length; i += 1000) {
    await db.insert(savedSearches).values(
      searches.slice(i, i + 1000).map(({ id, leadId, criteria: c }) => ({
        id,
        tenantId: tenant.id,
        leadId,
        minPrice: c.minPrice,
        maxPrice: c.maxPrice,
        minBeds: c.minBeds,
        minBaths: c.minBaths,
        minLivingArea: c.minLivingArea,
        cities: c.cities,
        postalCodes: c.postalCodes,
        nearLat: c.near?.lat,
        nearLon: c.near?.lon,
        nearMiles: c.near?.miles,
        propertyTypes: c.propertyTypes,
        propertySubTypes: c.propertySubTypes,
        keywords: c.keywords,
        frequency: c.frequency,
      })),
    );
  }
  return tenant;
}

export interface StoredChange {
  listingKey: string;
  changeId: string;
  listing: Listing;
}

/**
 * One tenant with `searches` seeded synthetic saved searches (one lead each) and `samples` active listings
 * stored with a NewListing change each, as the upsert path leaves them for `listing.match`. Nothing generated
 * here is kept beyond the changes, so the process's memory afterwards is the database's and the index's.
 */
export async function seedMatchingTenant(
  database: Database,
  counts: { searches: number; samples: number },
): Promise<{ tenantId: string; changes: StoredChange[] }> {
  const { db } = database;
  const rng = createRng(20260302);
  const searches = generateSavedSearches(rng, counts.searches);
  const listings = generateListings(rng, counts.samples * 2)
    .filter((l) => MATCHABLE_STATUSES.has(l.StandardStatus))
    .slice(0, counts.samples);
  const tenant = await seedSavedSearches(db, searches);
  const now = new Date();
  await writeListings(
    db,
    listings.map((l) => listingValues(tenant.id, l, { score: 0, reasons: [] }, 'bench', now)),
  );
  const rows = await insertListingChanges(
    db,
    tenant.id,
    listings.map((l) => ({
      listingKey: l.ListingKey,
      changeType: 'NewListing',
      previousPrice: null,
      newPrice: l.ListPrice,
      previousStatus: null,
      newStatus: l.StandardStatus,
      modificationTimestamp: l.ModificationTimestamp ?? now.toISOString(),
    })),
  );
  await db.execute(sql`analyze`);
  const byKey = new Map(listings.map((l) => [l.ListingKey, l]));
  const changes = rows.map((r) => ({ listingKey: r.listingKey, changeId: r.id, listing: byKey.get(r.listingKey)! }));
  return { tenantId: tenant.id, changes };
}
