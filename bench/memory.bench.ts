import { spawn } from 'node:child_process';
import pg from 'pg';
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
  cpuOf,
  median,
  memoryOf,
  round,
  scratchFolder,
  startPorchlight,
  throwawayPostgres,
  timePorchlight,
} from './porchlight-process.ts';

/*
 * Resident memory of `porchlight start` at rest (healthy, then 7.5 s idle), as a real child process: on PGlite
 * (a temporary data dir), on PostgreSQL (a throwaway database from DATABASE_URL) and on PostgreSQL holding
 * 100,000 saved searches and 50,000 listings (seeded synthetic data). Beside a bare Node process measured in
 * the same run. Each figure is the median of 3 starts; `peak_rss_mb` is the highest of their peaks (Linux). Over
 * the last 5 s of each start, the process's CPU and (on PostgreSQL) the database's committed transactions.
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
      // What doing nothing costs: the process's CPU, and on PostgreSQL the transactions it makes (worker polls).
      const cpu = samples.map((s) => s.cpuMsPerSecond).filter((c): c is number => c !== null);
      if (cpu.length)
        line(name.replace(/_rss_/, '_cpu_').replace(/_mb$/, '_ms_per_s'), round(median(cpu), 1), {
          unit: 'ms/s',
          checkout,
        });
      const xacts = samples.map((s) => s.transactionsPerSecond).filter((x): x is number => x !== null);
      if (xacts.length)
        line(name.replace(/_rss_/, '_db_transactions_').replace(/_mb$/, '_per_s'), round(median(xacts), 1), {
          unit: 'transactions/s',
          checkout,
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
  const database = env.DATABASE_URL ? new pg.Client({ connectionString: env.DATABASE_URL }) : undefined;
  try {
    await database?.connect();
    const commits = async () =>
      database
        ? Number(
            (
              await database.query<{ n: string }>(
                'select xact_commit as n from pg_stat_database where datname = current_database()',
              )
            ).rows[0].n,
          )
        : null;
    // Start-up settles first (migrations, queue checks); then the idle window is what a quiet day costs.
    await sleep(IDLE_MS / 2);
    const [cpuBefore, commitsBefore] = [cpuOf(service.pid), await commits()];
    await sleep(IDLE_MS);
    const [cpuAfter, commitsAfter] = [cpuOf(service.pid), await commits()];
    const seconds = IDLE_MS / 1000;
    return {
      ...service.memory(),
      cpuMsPerSecond: cpuBefore !== null && cpuAfter !== null ? (cpuAfter - cpuBefore) / seconds : null,
      // The second count's own query is the one of ours inside the window.
      transactionsPerSecond:
        commitsBefore !== null && commitsAfter !== null ? (commitsAfter - commitsBefore - 1) / seconds : null,
    };
  } finally {
    await database?.end();
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
