import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { and, eq } from 'drizzle-orm';
import type { Match } from '../core/matching/match-listing.ts';
import { naiveMatchListing } from '../core/matching/naive-match.ts';
import { createLogger } from '../core/observability/logger.ts';
import { migrate } from '../db/migrate.ts';
import { findListingMatches } from '../db/queries/listings/match-candidates.ts';
import { savedSearchVersion } from '../db/queries/saved-searches-changes.ts';
import { getSavedSearch, savedSearchOf, updateSavedSearch } from '../db/queries/saved-searches.ts';
import { findListingChangeMatches } from '../db/use-cases/listings/match-listing-change.ts';
import { savedSearches } from '../db/schema/index.ts';
import { createSavedSearchIndex } from '../jobs/shared/saved-search-index.ts';
import { runtimeFlags } from '../bin/runtime-flags.ts';
import { openBenchDatabase, seedMatchingTenant, type StoredChange } from './matching-db-seed.ts';
import { NODE } from './porchlight-process.ts';

/*
 * One listing change matched against 100,000 active saved searches through the `listing.match` worker's read
 * path (tenant, listing, change and saved-search version, then the prefilter and the core score; no writes):
 * with the worker's warm in-process index (jobs/shared/saved-search-index.ts), and, as baselines in the same
 * run, with the SQL prefilter alone and with the naive scan (read every active search, score each). Also: the
 * index's load time, the first match while it loads, how soon an edit reaches it, and the process's memory
 * with it loaded. Seeded synthetic data; PGlite by default, a throwaway PostgreSQL database with DATABASE_URL.
 */
const SEARCHES = 100_000;
const SAMPLES = 200;
const NAIVE_SAMPLES = 10;
const COLD_SAMPLES = 9;
const EDITS = 20;
const THRESHOLD = 70;

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
const ms = (n: number): number => Math.round(n * 100) / 100;
const mb = (bytes: number): number => Math.round(bytes / 2 ** 20);

async function timeEach<T>(items: readonly T[], work: (item: T) => Promise<Match[]>) {
  const times: number[] = [];
  // Only a signature of each answer is kept: 200 answers of ~500 scored matches would be a heap of their
  // own, and the memory figure is about the index.
  const results: string[] = [];
  let matches = 0;
  for (const item of items) {
    const start = performance.now();
    const found = await work(item);
    times.push(performance.now() - start);
    matches += found.length;
    results.push(found.map((m) => `${m.searchId}:${m.score}`).join(' '));
  }
  const sorted = [...times].sort((a, b) => a - b);
  const p50 = percentile(sorted, 0.5);
  return { p50, p95: percentile(sorted, 0.95), times, results, avgMatches: Math.round(matches / items.length) };
}

const sameAnswers = (a: string[], b: string[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

/** A full collection before reading memory, so the figure is what is held, not garbage from seeding. */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

/**
 * Memory of a process started like `porchlight work` (its V8 flags) that loads the index and matches every
 * change (bench/matching-db-worker.ts). PostgreSQL only: an in-memory PGlite lives in this process.
 */
async function workerProcessFigures(url: string, tenantId: string) {
  const flags = runtimeFlags(['work'], { DATABASE_URL: url });
  const script = join(import.meta.dirname, 'matching-db-worker.ts');
  const { stdout } = await promisify(execFile)(NODE, [...flags, script, url, tenantId], { maxBuffer: 1 << 20 });
  const figures = JSON.parse(stdout.trim().split('\n').pop()!) as {
    rssBeforeMb: number;
    rssMb: number;
    heapUsedMb: number;
    loadMs: number;
    p50Ms: number;
    p95Ms: number;
  };
  return { ...figures, flags: flags.join(' ') };
}

export async function run(): Promise<void> {
  const began = performance.now();
  const { database, drop } = await openBenchDatabase();
  const index = createSavedSearchIndex(database, { log: createLogger({ level: 'warn', destination: process.stderr }) });
  try {
    await migrate(database);
    const { db } = database;
    let start = performance.now();
    const { tenantId, changes } = await seedMatchingTenant(database, { searches: SEARCHES, samples: SAMPLES });
    const seedMs = performance.now() - start;
    const line = (figure: string, value: number, extra: Record<string, unknown> = {}) =>
      console.log(JSON.stringify({ bench: 'matching-db', figure, value, backend: database.kind, ...extra }));
    // Progress on stderr: the run takes minutes, the figures stay on stdout.
    const phase = (name: string) =>
      console.error(`[matching-db] ${name} at ${Math.round(performance.now() - began)} ms`);
    const sources = new Set<string>();
    const workerPath = (withIndex: boolean) => async (c: StoredChange) => {
      const deps = { db, searchIndex: withIndex ? index : undefined };
      const found = await findListingChangeMatches(deps, { tenantId, ...c });
      if (!found) throw new Error(`change ${c.changeId} not found`);
      if (withIndex) sources.add(found.source);
      return found.matches;
    };

    phase('seeded');
    // Baselines first, warmed so the first samples do not measure start-up.
    for (const c of changes.slice(0, 10)) await findListingMatches(db, tenantId, c.listing, THRESHOLD);
    const prefilter = await timeEach(
      changes,
      async (c) => (await findListingMatches(db, tenantId, c.listing, THRESHOLD)).matches,
    );
    const sqlPath = await timeEach(changes, workerPath(false));

    phase('baselines done');
    // Cold: a lookup that finds the index empty is answered by SQL and only then starts the load. Its cost,
    // on fresh indexes closed before their load gets far, against the SQL path on the same changes.
    const coldTimes: number[] = [];
    for (const c of changes.slice(0, COLD_SAMPLES)) {
      const fresh = createSavedSearchIndex(database);
      const t = performance.now();
      await findListingChangeMatches({ db, searchIndex: fresh }, { tenantId, ...c });
      coldTimes.push(performance.now() - t);
      await fresh.close();
    }
    coldTimes.sort((a, b) => a - b);
    collectGarbage();
    const before = process.memoryUsage();
    start = performance.now();
    const first = await timeEach([changes[0]], workerPath(true));
    const during: number[] = [];
    for (let i = 1; index.versionOf(tenantId) === null; i++) {
      const t = performance.now();
      await workerPath(true)(changes[i % changes.length]);
      during.push(performance.now() - t);
    }
    const loadMs = performance.now() - start;
    collectGarbage();
    const loaded = process.memoryUsage();

    phase('index loaded');
    sources.clear();
    for (const c of changes.slice(0, 10)) await workerPath(true)(c);
    const warm = await timeEach(changes, workerPath(true));

    phase('warm done');
    // The naive scan after the memory figure: reading 100k rows ten times grows PGlite's memory, not the index's.
    const loadAll = async () =>
      (
        await db
          .select()
          .from(savedSearches)
          .where(and(eq(savedSearches.tenantId, tenantId), eq(savedSearches.active, true)))
      ).map(savedSearchOf);
    const naive = await timeEach(changes.slice(0, NAIVE_SAMPLES), async (c) =>
      naiveMatchListing(c.listing, await loadAll(), THRESHOLD),
    );

    phase('naive done');
    // Last, as they change answers: an edit committed by anyone, and how soon this process's index has it.
    const editLag: number[] = [];
    const matched = new Set(warm.results.flatMap((r) => (r ? r.split(' ').map((m) => m.split(':')[0]) : [])));
    for (const id of [...matched].slice(0, EDITS)) {
      const { criteria } = savedSearchOf((await getSavedSearch(db, tenantId, id))!);
      const maxPrice = (criteria.maxPrice ?? 1_000_000) + 1000;
      await updateSavedSearch(db, { tenantId, id, criteria: { ...criteria, maxPrice }, now: new Date() });
      const committed = performance.now();
      const version = await savedSearchVersion(db, tenantId);
      while ((index.versionOf(tenantId) ?? -1) < version) await new Promise((r) => setImmediate(r));
      editLag.push(performance.now() - committed);
    }
    editLag.sort((a, b) => a - b);

    phase('edits done');
    const agreement = {
      same_as_sql: sameAnswers(warm.results, sqlPath.results) && sameAnswers(prefilter.results, sqlPath.results),
      same_as_naive: sameAnswers(naive.results, warm.results.slice(0, NAIVE_SAMPLES)),
      answered_by: [...sources].join(','),
    };
    line('warm_index_p50_ms', ms(warm.p50), { samples: SAMPLES, avg_matches: warm.avgMatches, ...agreement });
    line('warm_index_p95_ms', ms(warm.p95), { samples: SAMPLES, ...agreement });
    line('sql_worker_path_p50_ms', ms(sqlPath.p50), { note: 'same read path, SQL prefilter (no index)' });
    line('sql_worker_path_p95_ms', ms(sqlPath.p95));
    line('sql_prefilter_p50_ms', ms(prefilter.p50), { note: 'prefilter + score only, listing already in memory' });
    line('sql_prefilter_p95_ms', ms(prefilter.p95));
    line('naive_p50_ms', ms(naive.p50), { samples: NAIVE_SAMPLES, note: 'read every active search, score each' });
    line('naive_p95_ms', ms(naive.p95), { samples: NAIVE_SAMPLES });
    line('warm_vs_sql_worker_path_p95_speedup', Math.round((sqlPath.p95 / warm.p95) * 10) / 10);
    line('index_load_ms', Math.round(loadMs), { searches: SEARCHES });
    line('cold_lookup_p50_ms', ms(percentile(coldTimes, 0.5)), {
      samples: COLD_SAMPLES,
      sql_worker_path_p50_ms_same_changes: ms(
        percentile(
          sqlPath.times.slice(0, COLD_SAMPLES).sort((a, b) => a - b),
          0.5,
        ),
      ),
      first_of_this_load_ms: ms(first.p50),
      note: 'answered by SQL; the load starts after it',
    });
    during.sort((a, b) => a - b);
    line('during_load_p95_ms', ms(during.length ? percentile(during, 0.95) : 0), { samples: during.length });
    line('edit_to_index_p50_ms', ms(percentile(editLag, 0.5)), { samples: editLag.length, note: 'commit to index' });
    line('edit_to_index_p95_ms', ms(percentile(editLag, 0.95)), { samples: editLag.length });
    line('rss_mb_index_loaded', mb(loaded.rss), {
      rss_mb_before_load: mb(before.rss),
      note: 'whole process, after GC',
    });
    line('heap_used_mb_index_loaded', mb(loaded.heapUsed), { index_heap_mb: mb(loaded.heapUsed - before.heapUsed) });
    if (database.connectionString) {
      const worker = await workerProcessFigures(database.connectionString, tenantId);
      line('worker_process_rss_mb_index_loaded', worker.rssMb, {
        rss_mb_before_load: worker.rssBeforeMb,
        heap_used_mb: worker.heapUsedMb,
        flags: worker.flags,
        note: 'a process started like porchlight work, after loading the index and matching every change',
      });
      line('worker_process_warm_index_p95_ms', ms(worker.p95Ms), { p50_ms: ms(worker.p50Ms), load_ms: worker.loadMs });
    }
    line('seed_ms', Math.round(seedMs));
  } finally {
    await index.close();
    await drop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await run();
