import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { serve } from '@hono/node-server';
import { loadEnv } from '../core/config/load-env.ts';
import { createLogger } from '../core/observability/logger.ts';
import { createRuntime } from '../jobs/create-runtime.ts';
import { createTenant } from '../db/queries/tenants.ts';
import { createApp } from '../webhooks/app.ts';

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

async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
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

/**
 * Webhook ingest on PostgreSQL, end to end through the real HTTP server on loopback: 32 concurrent
 * senders post signed GHL events (verify, dedupe, tenant lookup, store + enqueue in one
 * transaction), against plain single-row INSERTs of the same payloads on the same database in the
 * same run. The ratio says how much our ingest costs over the cheapest durable write.
 */
export async function run(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    line('ingest_events_per_second', null, {
      skipped: 'needs DATABASE_URL (PostgreSQL); PGlite is single-connection and not what production ingest runs on',
    });
    return;
  }
  const dbName = `porchlight_bench_${randomBytes(4).toString('hex')}`;
  await adminQuery(url, `CREATE DATABASE ${dbName}`);
  const benchUrl = Object.assign(new URL(url), { pathname: `/${dbName}` }).toString();
  const keys = generateKeyPairSync('ed25519');
  const env = loadEnv({
    DATABASE_URL: benchUrl,
    LOG_LEVEL: 'silent',
    APP_SECRET: 'bench-secret-bench-secret-0123',
    GHL_WEBHOOK_PUBLIC_KEY: keys.publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
  });
  const runtime = await createRuntime({ env, logger: createLogger({ level: 'silent' }), schedule: false });
  const server = serve({ fetch: createApp(runtime).fetch, port: 0, hostname: '127.0.0.1' });
  try {
    await new Promise((r) => server.once('listening', r));
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
    line('ingest_events_per_second', Math.round(ingestRate), {
      unit: 'events/s',
      n: EVENTS,
      senders: SENDERS,
      backend: 'postgres',
    });
    line('ingest_answer_p50_ms', Number(pct(sorted, 0.5).toFixed(2)), { unit: 'ms', n: EVENTS, senders: SENDERS });
    line('ingest_answer_p99_ms', Number(pct(sorted, 0.99).toFixed(2)), { unit: 'ms', n: EVENTS, senders: SENDERS });
    // The answer-time target is for normal load: measured separately, at a handful of concurrent senders.
    const normal = await lanes(NORMAL_EVENTS, NORMAL_SENDERS, (i) => post(EVENTS + WARMUP + i));
    const normalSorted = normal.latencies.sort((a, b) => a - b);
    line('ingest_answer_p50_ms_normal_load', Number(pct(normalSorted, 0.5).toFixed(2)), {
      unit: 'ms',
      n: NORMAL_EVENTS,
      senders: NORMAL_SENDERS,
    });
    line('ingest_answer_p99_ms_normal_load', Number(pct(normalSorted, 0.99).toFixed(2)), {
      unit: 'ms',
      n: NORMAL_EVENTS,
      senders: NORMAL_SENDERS,
    });

    // Baseline: the same payloads as plain single-row INSERTs, same concurrency, a pool the size of the app's.
    const pool = new pg.Pool({ connectionString: benchUrl, max: 10 });
    try {
      await pool.query(
        'CREATE TABLE bench_plain_insert (id bigserial primary key, event_id text not null, body text not null)',
      );
      await lanes(WARMUP, SENDERS, (i) =>
        pool
          .query('INSERT INTO bench_plain_insert (event_id, body) VALUES ($1, $2)', [`w${i}`, bodies[EVENTS + i]])
          .then(() => {}),
      );
      const plain = await lanes(EVENTS, SENDERS, (i) =>
        pool
          .query('INSERT INTO bench_plain_insert (event_id, body) VALUES ($1, $2)', [String(i), bodies[i]])
          .then(() => {}),
      );
      const plainRate = EVENTS / (plain.wallMs / 1000);
      line('plain_insert_rows_per_second', Math.round(plainRate), {
        unit: 'rows/s',
        n: EVENTS,
        concurrency: SENDERS,
        pool: 10,
      });
      line('ingest_to_plain_insert_ratio', Number((ingestRate / plainRate).toFixed(3)), {
        unit: 'ratio',
        note: 'ingest events/s divided by plain INSERT rows/s; 1.0 would mean ingest costs no more than one bare write',
      });
    } finally {
      await pool.end();
    }
  } finally {
    await new Promise((r) => server.close(r));
    await runtime.close();
    await runtime.database.close().catch(() => {});
    await adminQuery(url, `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
