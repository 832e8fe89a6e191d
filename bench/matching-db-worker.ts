import { sql } from 'drizzle-orm';
import { openDatabase } from '../db/client.ts';
import { rowsOf } from '../db/queries/rows-of.ts';
import { findListingChangeMatches } from '../db/use-cases/listings/match-listing-change.ts';
import { createSavedSearchIndex } from '../jobs/shared/saved-search-index.ts';

/*
 * The memory half of bench/matching-db.bench.ts, in a process of its own started with the flags of
 * `porchlight work` (bin/runtime-flags.ts): open the database, load the tenant's saved-search index through
 * its first lookup, match every stored change through the worker's read path, then report the process's
 * resident memory. The bench process itself cannot say this: it generated and seeded 100k searches first.
 * Usage: node bench/matching-db-worker.ts <postgres url> <tenant id>   (prints one JSON object)
 */
const [url, tenantId] = process.argv.slice(2);
const database = await openDatabase({ url });
const index = createSavedSearchIndex(database);
try {
  const { db } = database;
  const changes = rowsOf<{ id: string; listing_key: string }>(
    await db.execute(sql`select id, listing_key from listing_changes where tenant_id = ${tenantId}`),
  ).map((r) => ({ tenantId, changeId: r.id, listingKey: r.listing_key }));
  const before = process.memoryUsage().rss;
  const started = performance.now();
  await findListingChangeMatches({ db, searchIndex: index }, changes[0]);
  while (index.versionOf(tenantId) === null) await new Promise((resolve) => setTimeout(resolve, 20));
  const loadMs = performance.now() - started;
  const times: number[] = [];
  for (const change of changes) {
    const start = performance.now();
    const found = await findListingChangeMatches({ db, searchIndex: index }, change);
    times.push(performance.now() - start);
    if (found?.source !== 'index') throw new Error(`change ${change.changeId} was not answered by the index`);
  }
  times.sort((a, b) => a - b);
  const memory = process.memoryUsage();
  console.log(
    JSON.stringify({
      rssBeforeMb: Math.round(before / 2 ** 20),
      rssMb: Math.round(memory.rss / 2 ** 20),
      heapUsedMb: Math.round(memory.heapUsed / 2 ** 20),
      loadMs: Math.round(loadMs),
      p50Ms: times[Math.floor(times.length * 0.5)],
      p95Ms: times[Math.floor(times.length * 0.95)],
    }),
  );
} finally {
  await index.close();
  await database.close();
}
