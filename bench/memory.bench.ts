import { spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { sql } from 'drizzle-orm';
import { createRng } from '../core/synthetic/create-rng.ts';
import { generateListings } from '../core/synthetic/generate-listings.ts';
import { generateSavedSearches } from '../core/synthetic/generate-saved-searches.ts';
import { openDatabase } from '../db/client.ts';
import { listingValues, writeListings } from '../db/queries/listings/write-listings.ts';
import { seedSavedSearches } from './matching-db-seed.ts';
import {
  NODE,
  checkout,
  median,
  memoryOf,
  round,
  scratchFolder,
  startPorchlight,
  throwawayPostgres,
  timePorchlight,
} from './porchlight-process.ts';

/*
 * Resident memory of `porchlight start` at rest (healthy, then 5 s idle), as a real child process: on PGlite
 * (a temporary data dir), on PostgreSQL (a throwaway database from DATABASE_URL) and on PostgreSQL holding
 * 100,000 saved searches and 50,000 listings (seeded synthetic data). Beside a bare Node process measured in
 * the same run. Each figure is the median of 3 starts; `peak_rss_mb` is the highest of their peaks (Linux).
 */
const STARTS = 3;
const IDLE_MS = 5_000;
const SEARCHES = 100_000;
const LISTINGS = 50_000;

const line = (figure: string, value: number | null, extra: Record<string, unknown> = {}) =>
  console.log(JSON.stringify({ bench: 'memory', figure, value, ...extra }));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function run(): Promise<void> {
  const folder = scratchFolder('memory');
  try {
    const cwd = folder.dir;
    const baseline = await bareNodeRss(cwd);
    line('node_baseline_rss_mb', baseline, { unit: 'MB', note: 'node with an idle timer, after 1 s' });
    const figure = async (name: string, env: Record<string, string>, extra: Record<string, unknown> = {}) => {
      const samples = [];
      for (let i = 0; i < STARTS; i++) samples.push(await idleMemory(cwd, env));
      const rss = median(samples.map((s) => s.rssMb));
      const peaks = samples.map((s) => s.peakRssMb).filter((p): p is number => p !== null);
      line(name, rss, {
        unit: 'MB',
        runs: samples.map((s) => s.rssMb),
        peak_rss_mb: peaks.length ? Math.max(...peaks) : null,
        ratio_to_node_baseline: round(rss / baseline, 1),
        checkout,
        ...extra,
      });
    };

    const pglite = { PGLITE_DIR: `${cwd}/pglite` };
    await timePorchlight(['migrate'], { cwd, env: pglite });
    await figure('start_idle_rss_pglite_mb', pglite);

    const url = process.env.DATABASE_URL;
    if (!url) {
      const reason = 'DATABASE_URL is not set';
      line('start_idle_rss_postgres_mb', null, { unit: 'MB', reason });
      line('start_idle_rss_postgres_loaded_mb', null, { unit: 'MB', reason });
      return;
    }
    const database = await throwawayPostgres(url);
    try {
      const postgres = { DATABASE_URL: database.url };
      await timePorchlight(['migrate'], { cwd, env: postgres });
      await figure('start_idle_rss_postgres_mb', postgres);
      await seed(database.url);
      await figure('start_idle_rss_postgres_loaded_mb', postgres, {
        saved_searches: SEARCHES,
        listings: LISTINGS,
      });
    } finally {
      await database.drop();
    }
  } finally {
    folder.remove();
  }
}

async function idleMemory(cwd: string, env: Record<string, string>) {
  const service = await startPorchlight({ cwd, env });
  try {
    await sleep(IDLE_MS);
    return service.memory();
  } finally {
    await service.stop();
  }
}

async function bareNodeRss(cwd: string): Promise<number> {
  const child = spawn(NODE, ['-e', 'setTimeout(() => {}, 60_000)'], { cwd, stdio: 'ignore' });
  try {
    await sleep(1_000);
    return memoryOf(child.pid!).rssMb;
  } finally {
    child.kill();
  }
}

/** One team with 100,000 saved searches (one lead each) and 50,000 listings, written in bulk. */
async function seed(url: string): Promise<void> {
  const database = await openDatabase({ url });
  try {
    const { db } = database;
    const rng = createRng(20260302);
    const tenant = await seedSavedSearches(db, generateSavedSearches(rng, SEARCHES));
    const listings = generateListings(rng, LISTINGS);
    const now = new Date();
    for (let i = 0; i < listings.length; i += 1000) {
      await writeListings(
        db,
        listings.slice(i, i + 1000).map((l) => listingValues(tenant.id, l, { score: 0, reasons: [] }, 'bench', now)),
      );
    }
    await db.execute(sql`analyze`);
  } finally {
    await database.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await run();
