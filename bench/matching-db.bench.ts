import { randomBytes } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { and, eq, sql } from 'drizzle-orm';
import { MATCHABLE_STATUSES } from '../core/listings/reso-lookups.ts';
import { byScoreThenIds, type Match } from '../core/matching/match-listing.ts';
import { naiveMatchListing } from '../core/matching/naive-match.ts';
import { createRng } from '../core/synthetic/create-rng.ts';
import { generateListings } from '../core/synthetic/generate-listings.ts';
import { generateSavedSearches } from '../core/synthetic/generate-saved-searches.ts';
import { openDatabase, type Database } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';
import { findListingMatches } from '../db/queries/listings/match-candidates.ts';
import { savedSearchOf } from '../db/queries/saved-searches.ts';
import { createTenant } from '../db/queries/tenants.ts';
import { savedSearches } from '../db/schema/index.ts';

/*
 * One listing change matched against 100,000 active saved searches through the database path the
 * `listing.match` worker uses (SQL prefilter on indexes, then the core score), beside the naive
 * path: read every active search of the tenant and score each one. Seeded synthetic data; PGlite
 * by default, a throwaway database on PostgreSQL when DATABASE_URL is set.
 */
const SEARCHES = 100_000;
const SAMPLES = 200;
const NAIVE_SAMPLES = 10;
const THRESHOLD = 70;

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
const ms = (n: number): number => Math.round(n * 100) / 100;

async function timeEach<T>(items: readonly T[], work: (item: T) => Promise<Match[]>) {
  const times: number[] = [];
  const results: Match[][] = [];
  for (const item of items) {
    const start = performance.now();
    results.push(await work(item));
    times.push(performance.now() - start);
  }
  const sorted = [...times].sort((a, b) => a - b);
  return { p50: percentile(sorted, 0.5), p95: percentile(sorted, 0.95), results };
}

async function openBenchDatabase(): Promise<{ database: Database; drop: () => Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (!url) return { database: await openDatabase({ pgliteDir: 'memory://' }), drop: async () => {} };
  const name = `porchlight_bench_${randomBytes(4).toString('hex')}`;
  const admin = async (text: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(text);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const database = await openDatabase({ url: target.href });
  return {
    database,
    drop: async () => {
      await database.close();
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

export async function run(): Promise<void> {
  const { database, drop } = await openBenchDatabase();
  try {
    await migrate(database);
    const { db } = database;
    const rng = createRng(20260302);
    const searches = generateSavedSearches(rng, SEARCHES);
    const active = generateListings(rng, SAMPLES * 2)
      .filter((l) => MATCHABLE_STATUSES.has(l.StandardStatus))
      .slice(0, SAMPLES);

    let start = performance.now();
    const { tenant } = await createTenant(db, { name: 'Bench Realty' });
    await db.execute(sql`insert into leads (id, tenant_id, name)
      select 'lead-' || lpad(i::text, 6, '0'), ${tenant.id}, 'Lead ' || i from generate_series(1, ${SEARCHES}) as i`);
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
    await db.execute(sql`analyze`);
    const seedMs = performance.now() - start;

    // Warm the caches and the JIT so the first samples do not measure start-up.
    for (const l of active.slice(0, 10)) await findListingMatches(db, tenant.id, l, THRESHOLD);
    const indexed = await timeEach(
      active,
      async (l) => (await findListingMatches(db, tenant.id, l, THRESHOLD)).matches,
    );

    const loadAll = async () =>
      (
        await db
          .select()
          .from(savedSearches)
          .where(and(eq(savedSearches.tenantId, tenant.id), eq(savedSearches.active, true)))
      ).map(savedSearchOf);
    const naive = await timeEach(active.slice(0, NAIVE_SAMPLES), async (l) =>
      naiveMatchListing(l, await loadAll(), THRESHOLD).sort(byScoreThenIds),
    );
    const inMemory = await loadAll();
    const naiveScoring = await timeEach(active.slice(0, NAIVE_SAMPLES), async (l) =>
      naiveMatchListing(l, inMemory, THRESHOLD),
    );

    const same = naive.results.every((list, i) => {
      const other = indexed.results[i];
      return (
        list.length === other.length &&
        list.every((m, j) => m.searchId === other[j].searchId && m.score === other[j].score)
      );
    });
    console.log(
      JSON.stringify({
        bench: 'match_db.one_listing_vs_100k_searches',
        backend: database.kind,
        p50_ms: ms(indexed.p50),
        p95_ms: ms(indexed.p95),
        naive_p50_ms: ms(naive.p50),
        naive_p95_ms: ms(naive.p95),
        naive_scoring_only_p50_ms: ms(naiveScoring.p50),
        samples: active.length,
        naive_samples: NAIVE_SAMPLES,
        avg_matches: Math.round(indexed.results.reduce((n, r) => n + r.length, 0) / indexed.results.length),
        same_results_as_naive: same,
        seed_ms: Math.round(seedMs),
        naive_note:
          'naive = read every active search of the tenant from the database and score each; scoring_only = the same with the 100k searches already in memory',
      }),
    );
  } finally {
    await drop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await run();
