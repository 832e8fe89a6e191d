import { sql } from 'drizzle-orm';
import { onTestFinished } from 'vitest';
import { loadEnv } from '../../core/config/load-env.ts';
import type { Listing } from '../../core/listings/listing.ts';
import { MATCHABLE_STATUSES } from '../../core/listings/reso-lookups.ts';
import type { Match } from '../../core/matching/match-listing.ts';
import { naiveMatchListing } from '../../core/matching/naive-match.ts';
import { DEFAULT_TENANT_MATCH_THRESHOLD } from '../../core/matching/tenant-matching.ts';
import { createLogger } from '../../core/observability/logger.ts';
import type { SavedSearchCriteria } from '../../core/search/saved-search.ts';
import type { Rng } from '../../core/synthetic/create-rng.ts';
import { generateListings } from '../../core/synthetic/generate-listings.ts';
import { generateSavedSearches } from '../../core/synthetic/generate-saved-searches.ts';
import { openDatabase } from '../../db/client.ts';
import { createLead } from '../../db/queries/leads.ts';
import { rowsOf } from '../../db/queries/rows-of.ts';
import { savedSearchVersion } from '../../db/queries/saved-searches-changes.ts';
import { listSavedSearches, savedSearchOf } from '../../db/queries/saved-searches.ts';
import { createTenant } from '../../db/queries/tenants.ts';
import {
  findListingChangeMatches,
  type SearchCandidateSource,
} from '../../db/use-cases/listings/match-listing-change.ts';
import { upsertListings } from '../../db/use-cases/listings/upsert-listings.ts';
import { saveSearch } from '../../db/use-cases/searches/save-search.ts';
import { createRuntime } from '../../jobs/create-runtime.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import type { SavedSearchIndex } from '../../jobs/shared/saved-search-index.ts';
import { waitFor } from '../helpers/wait-for.ts';
import { TEST_ENV } from '../helpers/runtime.ts';

export const AUSTIN = { metros: ['austin' as const] };

export interface Change {
  listingKey: string;
  changeId: string;
  listing: Listing;
}

/** A tenant with `leads` leads and seeded synthetic Austin searches spread over them, stored through saveSearch. */
export async function seedTenant(rt: Runtime, rng: Rng, counts: { leads: number; searches: number }) {
  const { tenant } = await createTenant(rt.db, { name: 'Warm Index Realty' });
  const leadIds: string[] = [];
  for (let i = 0; i < counts.leads; i++)
    leadIds.push((await createLead(rt.db, { tenantId: tenant.id, name: `Buyer ${i}` })).id);
  for (const [i, s] of generateSavedSearches(rng, counts.searches, AUSTIN).entries())
    await addSearch(rt, tenant.id, leadIds[i % leadIds.length], s.criteria);
  return { tenantId: tenant.id, leadIds };
}

export async function addSearch(rt: Runtime, tenantId: string, leadId: string, criteria: SavedSearchCriteria) {
  const saved = await saveSearch(rt, { kind: 'create', tenantId, leadId, origin: 'api', criteria, matchNow: false });
  return saved.search;
}

/** Active synthetic Austin listings stored through the upsert path, each with its NewListing change. */
export async function seedListings(rt: Runtime, rng: Rng, tenantId: string, n: number): Promise<Change[]> {
  const listings = generateListings(rng, n * 2, AUSTIN)
    .filter((l) => MATCHABLE_STATUSES.has(l.StandardStatus))
    .slice(0, n);
  await upsertListings(rt, { tenantId, listings, source: 'api' });
  const rows = rowsOf<{ id: string; listing_key: string }>(
    await rt.db.execute(sql`select id, listing_key from listing_changes where tenant_id = ${tenantId}`),
  );
  const byKey = new Map(listings.map((l) => [l.ListingKey, l]));
  return rows.map((r) => ({ listingKey: r.listing_key, changeId: r.id, listing: byKey.get(r.listing_key)! }));
}

/** What a test compares: search, listing, score and the search's frequency, in the order the matcher returns. */
export const shapeOf = (found: { matches: Match[]; frequencyOf: (id: string) => string | undefined }) =>
  found.matches.map((m) => `${m.searchId}/${m.listingKey}/${m.score}/${found.frequencyOf(m.searchId)}`);

/** One change through the worker's read path, with or without the in-process index. */
export async function workerPath(rt: Runtime, tenantId: string, change: Change, index?: SearchCandidateSource) {
  const found = await findListingChangeMatches({ db: rt.db, searchIndex: index }, { tenantId, ...change });
  if (!found) throw new Error(`no listing change ${change.changeId}`);
  return {
    source: found.source,
    shape: shapeOf({ matches: found.matches, frequencyOf: (id) => found.searches.get(id)?.criteria.frequency }),
  };
}

/** The reference: every active search of the tenant read from the database and scored, no prefilter at all. */
export async function naivePath(rt: Runtime, tenantId: string, changes: Change[]) {
  const active = (await listSavedSearches(rt.db, tenantId, { activeOnly: true })).map(savedSearchOf);
  const frequencies = new Map(active.map((s) => [s.id, s.criteria.frequency]));
  return changes.map((c) =>
    shapeOf({
      matches: naiveMatchListing(c.listing, active, DEFAULT_TENANT_MATCH_THRESHOLD),
      frequencyOf: (id) => frequencies.get(id),
    }),
  );
}

/** Waits until the index has caught up with every committed saved-search change of the tenant. */
export async function untilCurrent(rt: Runtime, index: SavedSearchIndex, tenantId: string, probe: Change) {
  await waitFor(async () => {
    const version = await savedSearchVersion(rt.db, tenantId);
    // A lookup is what starts (or retries) a load; its answer does not matter here.
    await workerPath(rt, tenantId, probe, index);
    return index.versionOf(tenantId) === version ? true : undefined;
  }, 20_000);
}

/**
 * Another worker process on the same database: its own runtime, pool and listener on PostgreSQL; on PGlite,
 * which one process owns, another runtime on the same instance.
 */
export async function secondProcess(rt: Runtime): Promise<Runtime> {
  const url = rt.database.connectionString;
  const database = url ? await openDatabase({ url, poolSize: 3 }) : rt.database;
  const other = await createRuntime({
    env: loadEnv(TEST_ENV),
    database,
    migrate: false,
    schedule: false,
    logger: createLogger({ level: 'silent' }),
  });
  onTestFinished(async () => {
    await other.close();
    if (url) await database.close();
  });
  return other;
}
