import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { serve } from '@hono/node-server';
import { loadEnv } from '../core/config/load-env.ts';
import { createLogger } from '../core/observability/logger.ts';
import { createTenant } from '../db/queries/tenants.ts';
import { createRuntime } from '../jobs/create-runtime.ts';
import { createApp } from '../webhooks/app.ts';
import { startWranglerDev, workerdProblem } from '../test/helpers/wrangler-dev.ts';
import { throwawayPostgres } from './porchlight-process.ts';

const EVENTS = Number(process.env.BENCH_EDGE_EVENTS ?? 1_500);
const WARMUP = 100;
const SENDERS = Number(process.env.BENCH_EDGE_SENDERS ?? 16);
const LOCATION = 'bench_edge_location';
const cores = availableParallelism();
const line = (figure: string, value: number | null, extra: Record<string, unknown> = {}) =>
  console.log(JSON.stringify({ bench: 'scale-edge', figure, value, cores, ...extra }));

const processCpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/** A ContactUpdate delivery (~1 KB) with its own webhookId, as GHL sends them. */
function payload(i: number, run: string): string {
  return JSON.stringify({
    type: 'ContactUpdate',
    locationId: LOCATION,
    webhookId: `${run}-${i}`,
    timestamp: new Date().toISOString(),
    id: `contact_${i % 500}`,
    name: `Lead ${i}`,
    email: `lead${i}@example.com`,
    phone: `+1512555${String(1000 + (i % 9000)).padStart(4, '0')}`,
    tags: ['buyer', 'zillow'],
    source: 'Zillow',
    city: 'Austin',
    postalCode: '78704',
    customFields: [{ id: 'notes', value: 'x'.repeat(600) }],
  });
}

/** `n` signed posts to `url` from `SENDERS` concurrent senders; every answer must be 200 accepted. */
async function ingest(url: string, bodies: string[], signatures: string[]) {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: SENDERS }, async () => {
      for (let i = next++; i < bodies.length; i = next++) {
        const t0 = performance.now();
        const res = await fetch(`${url}/webhooks/ghl`, {
          method: 'POST',
          body: bodies[i],
          headers: { 'content-type': 'application/json', 'x-ghl-signature': signatures[i] },
        });
        const json = (await res.json()) as { status?: string };
        if (res.status !== 200 || json.status !== 'accepted')
          throw new Error(`${url}: event ${i}: HTTP ${res.status} ${JSON.stringify(json)}`);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const wallMs = performance.now() - started;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) =>
    Number(latencies[Math.min(latencies.length - 1, Math.ceil(p * latencies.length) - 1)].toFixed(1));
  return { perSecond: Math.round(bodies.length / (wallMs / 1000)), p50: pct(0.5), p99: pct(0.99) };
}

/**
 * Edge ingest vs the Node server, same run, same PostgreSQL database, same signed GHL events, same concurrency:
 * the Worker under `wrangler dev` (workerd on loopback, Hyperdrive's local mode: a fresh PostgreSQL connection
 * per request, since a Worker keeps none between requests) and `createApp` on @hono/node-server (a pool and the
 * group-commit writer). Both store each event with its pg-boss job before answering; nothing processes them.
 * Locally Hyperdrive does not pool, so the edge figure includes a connection setup per event that Cloudflare's
 * pooled Hyperdrive would not pay; on 2 cores shared with PostgreSQL it shows where the time goes, not a target.
 */
export async function run(): Promise<void> {
  const problem = workerdProblem();
  if (problem) return line('edge_ingest_events_per_second', null, { skipped: problem });
  const database = await throwawayPostgres(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  const keys = generateKeyPairSync('ed25519');
  const vars = {
    PUBLIC_BASE_URL: 'https://porchlight.bench',
    LOG_LEVEL: 'warn',
    GHL_WEBHOOK_PUBLIC_KEY: keys.publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
    // One location sends the whole bench: lift the runaway-workflow cap meant for production traffic.
    GHL_LOCATION_EVENTS_PER_MINUTE: '100000000',
  };
  const env = loadEnv({ ...vars, DATABASE_URL: database.url, LOG_LEVEL: 'silent' });
  const runtime = await createRuntime({ env, logger: createLogger({ level: 'silent' }), schedule: false });
  const server = serve({ fetch: createApp(runtime).fetch, port: 0, hostname: '127.0.0.1' });
  const edge = await startWranglerDev({ databaseUrl: database.url, vars }).catch(async (error) => {
    server.close();
    await runtime.close();
    await database.drop();
    throw error;
  });
  try {
    await new Promise((r) => (server.listening ? r(undefined) : server.once('listening', r)));
    const nodeUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await createTenant(runtime.db, { name: 'Bench Team', ghlLocations: [LOCATION] });
    const signed = (prefix: string, n: number) => {
      const bodies = Array.from({ length: n }, (_, i) => payload(i, `${prefix}-${randomBytes(3).toString('hex')}`));
      // Signing is GHL's cost, not ours: everything is signed before the clock starts.
      return { bodies, signatures: bodies.map((b) => sign(null, Buffer.from(b), keys.privateKey).toString('base64')) };
    };
    const targets = { edge: edge.url, node: nodeUrl };
    for (const [name, url] of Object.entries(targets)) {
      const warm = signed(`${name}-warm`, WARMUP);
      await ingest(url, warm.bodies, warm.signatures);
    }
    const figures: Record<string, Awaited<ReturnType<typeof ingest>>> = {};
    const cpu: Record<string, number | null> = {};
    for (const [name, url] of Object.entries(targets)) {
      const events = signed(name, EVENTS);
      // The Worker's CPU is wrangler's and workerd's; the Node server's is this process's (senders included).
      const before = name === 'edge' ? edge.cpuMs() : processCpuMs();
      figures[name] = await ingest(url, events.bodies, events.signatures);
      const after = name === 'edge' ? edge.cpuMs() : processCpuMs();
      cpu[name] = before === null || after === null ? null : Number(((after - before) / EVENTS).toFixed(2));
    }
    const common = { n: EVENTS, senders: SENDERS, backend: 'postgres' };
    line('edge_ingest_events_per_second', figures.edge.perSecond, {
      unit: 'events/s',
      runtime: 'wrangler dev',
      ...common,
    });
    line('node_ingest_events_per_second', figures.node.perSecond, { unit: 'events/s', runtime: 'node', ...common });
    line('edge_ingest_answer_p50_ms', figures.edge.p50, { unit: 'ms', ...common });
    line('edge_ingest_answer_p99_ms', figures.edge.p99, { unit: 'ms', ...common });
    line('node_ingest_answer_p50_ms', figures.node.p50, { unit: 'ms', ...common });
    line('node_ingest_answer_p99_ms', figures.node.p99, { unit: 'ms', ...common });
    line('edge_cpu_ms_per_event', cpu.edge, { unit: 'ms', process: 'wrangler dev + workerd', ...common });
    line('node_cpu_ms_per_event', cpu.node, { unit: 'ms', process: 'node server + the senders', ...common });
    line('edge_to_node_ingest_ratio', Number((figures.edge.perSecond / figures.node.perSecond).toFixed(3)), {
      unit: 'ratio',
      note: 'local Hyperdrive opens a PostgreSQL connection per request; deployed Hyperdrive pools them',
    });
  } finally {
    await edge.stop();
    await new Promise((r) => server.close(r));
    await runtime.close();
    await runtime.database.close().catch(() => {});
    await database.drop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
