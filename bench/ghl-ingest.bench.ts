import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { serve } from '@hono/node-server';
import { loadEnv } from '../core/config/load-env.ts';
import { createLogger } from '../core/observability/logger.ts';
import { createRuntime } from '../jobs/create-runtime.ts';
import type { Runtime } from '../jobs/runtime.ts';
import { createTenant } from '../db/queries/tenants.ts';
import { createApp } from '../webhooks/app.ts';
import { throwawayPostgres } from './porchlight-process.ts';

const EVENTS = 3_000;
const WARMUP = 200;
const SENDERS = 32;
/** A busy team's normal traffic: a few webhooks in flight at once, not a flood. */
const NORMAL_SENDERS = 4;
const NORMAL_EVENTS = 600;
const LOCATION = 'bench_location';
const line = (figure: string, value: number | null, extra: Record<string, unknown> = {}) =>
  console.log(JSON.stringify({ bench: 'ghl-ingest', figure, value, ...extra }));

/** A realistic ContactUpdate delivery (~1 KB) with its own webhookId, as GHL sends them. */
function payload(i: number, run: string): string {
  return JSON.stringify({
    type: 'ContactUpdate',
    locationId: LOCATION,
    webhookId: `${run}-${i}`,
    timestamp: new Date().toISOString(),
    id: `contact_${i % 500}`,
    name: `Lead ${i}`,
    firstName: 'Lead',
    lastName: String(i),
    email: `lead${i}@example.com`,
    phone: `+1512555${String(1000 + (i % 9000)).padStart(4, '0')}`,
    tags: ['buyer', 'zillow'],
    source: 'Zillow',
    city: 'Austin',
    state: 'TX',
    postalCode: '78704',
    dnd: false,
    dateAdded: '2026-01-01T00:00:00.000Z',
    dateUpdated: new Date().toISOString(),
    customFields: [
      { id: 'budget', value: '$450,000' },
      { id: 'timeline', value: '3-6 months' },
      { id: 'notes', value: 'x'.repeat(400) },
    ],
  });
}

/** Runs `work(i)` for i in [0, n) on `concurrency` lanes; returns per-call latencies (ms) and the wall time. */
async function lanes(
  n: number,
  concurrency: number,
  work: (i: number) => Promise<void>,
): Promise<{ latencies: number[]; wallMs: number }> {
  const latencies: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < n; i = next++) {
        const started = performance.now();
        await work(i);
        latencies.push(performance.now() - started);
      }
    }),
  );
  return { latencies, wallMs: performance.now() - t0 };
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];

/** A database for one run: a throwaway PostgreSQL database, or a PGlite directory in a temp dir. */
interface BenchDatabase {
  backend: 'postgres' | 'pglite';
  env: Record<string, string>;
  drop(): Promise<void>;
}

async function benchDatabase(): Promise<BenchDatabase> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const dir = mkdtempSync(join(tmpdir(), 'porchlight-bench-'));
    return {
      backend: 'pglite',
      env: { PGLITE_DIR: dir },
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const scratch = await throwawayPostgres(url);
  return { backend: 'postgres', env: { DATABASE_URL: scratch.url }, drop: scratch.drop };
}

/**
 * The cheapest durable write of the same payloads on the same database at the same concurrency: one
 * single-row INSERT per event (a pool the size of the app's on PostgreSQL; PGlite has one connection).
 */
async function plainInserts(runtime: Runtime, bodies: string[], n: number, offset: number) {
  const { pglite, connectionString } = runtime.database;
  const pool = connectionString ? new pg.Pool({ connectionString, max: 10 }) : undefined;
  const query = (text: string, params: unknown[] = []) =>
    pool ? pool.query(text, params).then(() => {}) : pglite!.query(text, params).then(() => {});
  try {
    await query(
      'CREATE TABLE bench_plain_insert (id bigserial primary key, event_id text not null, body text not null)',
    );
    const insert = 'INSERT INTO bench_plain_insert (event_id, body) VALUES ($1, $2)';
    await lanes(WARMUP, SENDERS, (i) => query(insert, [`w${i}`, bodies[offset + i]]));
    return await lanes(n, SENDERS, (i) => query(insert, [String(i), bodies[i]]));
  } finally {
    await pool?.end();
  }
}

/**
 * Webhook ingest end to end through the real HTTP server on loopback: 32 concurrent senders post signed GHL
 * events (verify, dedupe, cached tenant lookup, group-committed store + enqueue), against plain single-row
 * INSERTs of the same payloads on the same database in the same run. The ratio says how much our ingest costs
 * over the cheapest durable write. PostgreSQL with DATABASE_URL, else the embedded PGlite.
 */
export async function run(): Promise<void> {
  const database = await benchDatabase();
  const { backend } = database;
  const keys = generateKeyPairSync('ed25519');
  const env = loadEnv({
    ...database.env,
    LOG_LEVEL: 'silent',
    APP_SECRET: 'bench-secret-bench-secret-0123',
    GHL_WEBHOOK_PUBLIC_KEY: keys.publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
    // One location sends the whole bench: lift the runaway-workflow cap meant for production traffic.
    GHL_LOCATION_EVENTS_PER_MINUTE: '100000000',
  });
  const runtime = await createRuntime({ env, logger: createLogger({ level: 'silent' }), schedule: false });
  const server = serve({ fetch: createApp(runtime).fetch, port: 0, hostname: '127.0.0.1' });
  try {
    // It may be listening already: the workers started in between.
    await new Promise((r) => (server.listening ? r(undefined) : server.once('listening', r)));
    const port = (server.address() as AddressInfo).port;
    await runtime.db.transaction((tx) => createTenant(tx, { name: 'Bench Team', ghlLocations: [LOCATION] }));

    const runId = randomBytes(3).toString('hex');
    // Signing is GHL's cost, not ours: sign everything before the clock starts.
    const bodies = Array.from({ length: EVENTS + WARMUP + NORMAL_EVENTS }, (_, i) => payload(i, runId));
    const signatures = bodies.map((b) => sign(null, Buffer.from(b), keys.privateKey).toString('base64'));
    const post = async (i: number) => {
      const res = await fetch(`http://127.0.0.1:${port}/webhooks/ghl`, {
        method: 'POST',
        body: bodies[i],
        headers: { 'content-type': 'application/json', 'x-ghl-signature': signatures[i] },
      });
      const json = (await res.json()) as { status?: string };
      if (res.status !== 200 || json.status !== 'accepted')
        throw new Error(`event ${i}: HTTP ${res.status} ${JSON.stringify(json)}`);
    };
    await lanes(WARMUP, SENDERS, (i) => post(EVENTS + i));
    const ingest = await lanes(EVENTS, SENDERS, post);
    const sorted = ingest.latencies.sort((a, b) => a - b);
    const ingestRate = EVENTS / (ingest.wallMs / 1000);
    const at32 = { n: EVENTS, senders: SENDERS, backend };
    line('ingest_events_per_second', Math.round(ingestRate), { unit: 'events/s', ...at32 });
    line('ingest_answer_p50_ms', Number(pct(sorted, 0.5).toFixed(2)), { unit: 'ms', ...at32 });
    line('ingest_answer_p99_ms', Number(pct(sorted, 0.99).toFixed(2)), { unit: 'ms', ...at32 });
    // The answer-time target is for normal load: measured separately, at a handful of concurrent senders.
    const normal = await lanes(NORMAL_EVENTS, NORMAL_SENDERS, (i) => post(EVENTS + WARMUP + i));
    const normalSorted = normal.latencies.sort((a, b) => a - b);
    const at4 = { n: NORMAL_EVENTS, senders: NORMAL_SENDERS, backend };
    line('ingest_answer_p50_ms_normal_load', Number(pct(normalSorted, 0.5).toFixed(2)), { unit: 'ms', ...at4 });
    line('ingest_answer_p99_ms_normal_load', Number(pct(normalSorted, 0.99).toFixed(2)), { unit: 'ms', ...at4 });

    const plain = await plainInserts(runtime, bodies, EVENTS, EVENTS);
    const plainRate = EVENTS / (plain.wallMs / 1000);
    line('plain_insert_rows_per_second', Math.round(plainRate), { unit: 'rows/s', ...at32 });
    line('ingest_to_plain_insert_ratio', Number((ingestRate / plainRate).toFixed(3)), {
      unit: 'ratio',
      backend,
      note: 'ingest events/s divided by plain INSERT rows/s; 1.0 means ingest costs no more than one bare write each',
    });
  } finally {
    await new Promise((r) => server.close(r));
    await runtime.close();
    await runtime.database.close().catch(() => {});
    await database.drop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
