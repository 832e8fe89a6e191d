import { createReadStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'csv-parse';
import { sql } from 'drizzle-orm';
import { exportToFile } from '../bin/commands/export.ts';
import { loadEnv } from '../core/config/load-env.ts';
import { createLogger } from '../core/observability/logger.ts';
import { throwawayPostgres } from './porchlight-process.ts';
import { openDatabase, type Database } from '../db/client.ts';
import { createTenant } from '../db/queries/tenants.ts';
import { createRuntime } from '../jobs/create-runtime.ts';

/*
 * `porchlight export alerts` of N seeded alerts (EXPORT_ROWS, default 200,000; 1,000,000 for the
 * full figure) to a temporary file, through the same function the CLI runs. Memory is sampled
 * while it streams: peak RSS next to the RSS just before the export shows whether it stays flat.
 * The file is then read back with csv-parse (streamed too) to the same row count. PGlite in
 * memory by default (its database lives in this process, so RSS includes it); a throwaway
 * database on PostgreSQL when DATABASE_URL is set.
 */
const ROWS = Number(process.env.EXPORT_ROWS ?? 200_000);
const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

async function openBenchDatabase(): Promise<{ database: Database; drop: () => Promise<void> }> {
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

async function countCsvRecords(path: string): Promise<number> {
  let records = 0;
  const parser = createReadStream(path).pipe(parse({ bom: true, columns: true, record_delimiter: '\r\n' }));
  for await (const _ of parser) records++;
  return records;
}

export async function run(): Promise<void> {
  const { database, drop } = await openBenchDatabase();
  const dir = mkdtempSync(join(tmpdir(), 'porchlight-bench-export-'));
  const env = loadEnv({ PUBLIC_BASE_URL: 'http://localhost:3000', APP_SECRET: 'bench-secret-bench-secret-0123456789' });
  const runtime = await createRuntime({
    env,
    database,
    migrate: true,
    schedule: false,
    logger: createLogger({ level: 'silent' }),
  });
  try {
    const { db } = runtime;
    const { tenant } = await createTenant(db, { name: 'Bench Realty' });
    const seedStart = performance.now();
    // One statement: ids, kinds and times vary; every 7th reason holds a comma, quotes and a line break.
    await db.execute(sql`
      insert into alerts (id, tenant_id, kind, priority, status, dedupe_key, reason, created_at, claimed_at)
      select 'alert-' || lpad(g::text, 8, '0'), ${tenant.id},
             (array['hot_lead','listing_match','price_drop','back_on_market','lead_reply','stale_lead'])[1 + g % 6],
             (array['critical','high','normal','low'])[1 + g % 4],
             (array['open','claimed','contacted','won','lost'])[1 + g % 5],
             'bench-' || g,
             case when g % 7 = 0 then 'Matches "ATX-' || g || '", 3 bd' || chr(10) || 'near Austin'
                  else 'Score jumped to ' || (g % 100) end,
             timestamptz '2025-01-01' + g * interval '1 second',
             case when g % 2 = 0 then timestamptz '2025-01-01' + g * interval '1 second' + interval '4 minutes' end
      from generate_series(1, ${ROWS}) g`);
    await db.execute(sql`analyze alerts`);
    const seedMs = performance.now() - seedStart;

    global.gc?.();
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    let peakHeap = process.memoryUsage().heapUsed;
    const sampler = setInterval(() => {
      const m = process.memoryUsage();
      peak = Math.max(peak, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed);
    }, 25);
    const out = join(dir, 'alerts.csv');
    const start = performance.now();
    const report = await exportToFile(runtime, { what: 'alerts', tenantId: tenant.id, out });
    const seconds = (performance.now() - start) / 1000;
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);

    const parsed = await countCsvRecords(out);
    if (parsed !== ROWS || report.rows !== ROWS)
      throw new Error(`exported ${report.rows} rows, csv-parse read ${parsed}, seeded ${ROWS}`);
    console.log(
      JSON.stringify({
        bench: 'export.alerts',
        backend: database.kind,
        rows: ROWS,
        rowsPerSecond: Math.round(ROWS / seconds),
        seconds: Math.round(seconds * 10) / 10,
        fileMb: mb(statSync(out).size),
        peakRssMb: mb(peak),
        baselineRssMb: mb(baseline),
        peakHeapMb: mb(peakHeap),
        csvParseRows: parsed,
        seedMs: Math.round(seedMs),
      }),
    );
  } finally {
    await runtime.close();
    rmSync(dir, { recursive: true, force: true });
    await drop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await run();
