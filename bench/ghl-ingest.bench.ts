import { spawn } from 'node:child_process';
import { generateKeyPairSync, randomBytes, sign, verify, type KeyObject } from 'node:crypto';
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { openDatabase } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';
import { createTenant } from '../db/queries/tenants.ts';
import { cpuOf, memoryOf, NODE, scratchFolder, startPorchlight, throwawayPostgres } from './porchlight-process.ts';
import { openStorePath } from './ghl-ingest-store-path.ts';

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

/** A database for one run: a throwaway PostgreSQL database, or a PGlite directory in a scratch folder. */
interface BenchDatabase {
  backend: 'postgres' | 'pglite';
  env: Record<string, string>;
  drop(): Promise<void>;
}

async function benchDatabase(folder: string): Promise<BenchDatabase> {
  const url = process.env.DATABASE_URL;
  if (!url) return { backend: 'pglite', env: { PGLITE_DIR: `${folder}/pglite` }, drop: async () => {} };
  const scratch = await throwawayPostgres(url);
  return { backend: 'postgres', env: { DATABASE_URL: scratch.url }, drop: scratch.drop };
}

/** Migrates the bench database and adds the team that owns the bench location. */
async function prepare(database: BenchDatabase): Promise<void> {
  const opened = await openDatabase({ url: database.env.DATABASE_URL, pgliteDir: database.env.PGLITE_DIR });
  try {
    await migrate(opened);
    await opened.db.transaction((tx) => createTenant(tx, { name: 'Bench Team', ghlLocations: [LOCATION] }));
  } finally {
    await opened.close();
  }
}

/**
 * The cheapest durable write of the same payloads on the same database at the same concurrency: one
 * single-row INSERT per event (a pool the size of the app's on PostgreSQL; PGlite has one connection).
 */
async function plainInserts(database: BenchDatabase, bodies: string[], n: number, offset: number, runId: string) {
  const url = database.env.DATABASE_URL;
  const pool = url ? new pg.Pool({ connectionString: url, max: 10 }) : undefined;
  // Dropping the scratch database ends the backends of connections still closing: expected, not a failure.
  pool?.on('error', () => {});
  const pglite = url ? undefined : await PGlite.create(database.env.PGLITE_DIR);
  const rows = async <T>(text: string, params: unknown[] = []) =>
    (pool ? await pool.query(text, params) : await pglite!.query(text, params)).rows as T[];
  const query = (text: string, params: unknown[] = []) => rows(text, params).then(() => {});
  try {
    // A batch shares one transaction, and so one received_at (now() is the transaction's start).
    const [{ commits }] = await rows<{ commits: number }>(
      'select count(distinct received_at)::int as commits from inbound_events where event_id = any($1)',
      [Array.from({ length: n }, (_, i) => `${runId}-${i}`)],
    );
    await query(
      'CREATE TABLE bench_plain_insert (id bigserial primary key, event_id text not null, body text not null)',
    );
    const insert = 'INSERT INTO bench_plain_insert (event_id, body) VALUES ($1, $2)';
    await lanes(WARMUP, SENDERS, (i) => query(insert, [`w${i}`, bodies[offset + i]]));
    return { ...(await lanes(n, SENDERS, (i) => query(insert, [String(i), bodies[i]]))), ingestCommits: commits };
  } finally {
    await pool?.end();
    await pglite?.close();
  }
}

/** POSTs one signed event over a kept-alive connection; rejects unless it was accepted. */
function poster(port: number, bodies: readonly string[], signatures: readonly string[]) {
  const agent = new Agent({ keepAlive: true, maxSockets: SENDERS });
  const post = (i: number) =>
    new Promise<void>((resolve, reject) => {
      const req = request(
        {
          agent,
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/webhooks/ghl',
          headers: { 'content-type': 'application/json', 'x-ghl-signature': signatures[i] },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk) => (text += chunk));
          res.on('end', () => {
            const accepted = res.statusCode === 200 && (JSON.parse(text) as { status?: string }).status === 'accepted';
            if (accepted) resolve();
            else reject(new Error(`event ${i}: HTTP ${res.statusCode} ${text}`));
          });
        },
      );
      req.on('error', reject);
      req.end(bodies[i]);
    });
  return { post, close: () => agent.destroy() };
}

/**
 * The ceiling any Node HTTP ingest has on this machine: a bare node:http server in its own process that reads each
 * body, parses it and answers, nothing else (no database), driven by the same senders. With `publicKey` it also
 * checks each body's Ed25519 signature (node:crypto on the thread pool, as WebCrypto runs ours) and answers 401 on
 * a bad one: the ceiling of any ingest that verifies what it accepts, before it stores anything.
 */
async function bareHttpServer(publicKey?: KeyObject): Promise<{ port: number; stop(): void }> {
  const script = `
    const { createPublicKey, verify } = require('node:crypto');
    const der = process.env.BARE_KEY;
    const key = der ? createPublicKey({ key: Buffer.from(der, 'base64'), format: 'der', type: 'spki' }) : null;
    const answer = (res, ok) => {
      res.statusCode = ok ? 200 : 401;
      res.setHeader('content-type', 'application/json');
      res.end(ok ? '{"status":"accepted"}' : '{"error":"bad signature"}');
    };
    const server = require('node:http').createServer((req, res) => {
      const chunks = [];
      req.on('data', (chunk) => chunks.push(chunk));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        JSON.parse(body);
        if (!key) return answer(res, true);
        const signature = Buffer.from(String(req.headers['x-ghl-signature']), 'base64');
        verify(null, body, key, signature, (error, ok) => answer(res, !error && ok));
      });
    });
    server.listen(0, '127.0.0.1', () => console.log(server.address().port));`;
  const env = {
    ...process.env,
    ...(publicKey ? { BARE_KEY: publicKey.export({ type: 'spki', format: 'der' }).toString('base64') } : {}),
  };
  const child = spawn(NODE, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'], env });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.once('data', (chunk: Buffer) => resolve(Number(String(chunk).trim())));
    child.once('exit', (code) => reject(new Error(`bare HTTP server exited ${code}`)));
  });
  return { port, stop: () => child.kill() };
}

/** Requests a second `server` answers at 32 senders, after a warm-up. */
async function ceiling(server: { port: number; stop(): void }, bodies: string[], signatures: string[]) {
  const sender = poster(server.port, bodies, signatures);
  try {
    await lanes(WARMUP, SENDERS, (i) => sender.post(EVENTS + i));
    const run = await lanes(EVENTS, SENDERS, sender.post);
    return EVENTS / (run.wallMs / 1000);
  } finally {
    sender.close();
    server.stop();
  }
}

/** Events a second the store path takes from 32 in-process callers, after a warm-up. */
async function storePathRate(env: Record<string, string | undefined>, bodies: string[]): Promise<number> {
  const path = await openStorePath({ ...process.env, ...env }, bodies);
  try {
    await lanes(WARMUP, SENDERS, (i) => path.store(EVENTS + i));
    const run = await lanes(EVENTS, SENDERS, path.store);
    return EVENTS / (run.wallMs / 1000);
  } finally {
    await path.close();
  }
}

/** Ed25519 verifications a second on one core: the part of a GHL webhook's cost no server design can batch. */
function verificationsPerSecond(bodies: readonly string[], signatures: readonly string[], key: KeyObject): number {
  const n = Math.min(bodies.length, 2_000);
  const started = performance.now();
  for (let i = 0; i < n; i++) verify(null, Buffer.from(bodies[i]), key, Buffer.from(signatures[i], 'base64'));
  return n / ((performance.now() - started) / 1000);
}

/**
 * Webhook ingest end to end through `porchlight serve` as its own process, as in production: 32 concurrent
 * senders in this process post signed GHL events over loopback (verify, dedupe, cached tenant lookup,
 * group-committed store + enqueue), against plain single-row INSERTs of the same payloads on the same database in
 * the same run. The senders are GHL's side: keeping them out of the server's process keeps their CPU out of our
 * figure. The ratio says how much our ingest costs over the cheapest durable write. PostgreSQL with DATABASE_URL,
 * else the embedded PGlite.
 */
export async function run(): Promise<void> {
  const folder = scratchFolder('ingest');
  const database = await benchDatabase(folder.dir);
  const { backend } = database;
  try {
    await prepare(database);
    const keys = generateKeyPairSync('ed25519');
    const serverEnv = {
      ...database.env,
      APP_SECRET: 'bench-secret-bench-secret-0123',
      GHL_WEBHOOK_PUBLIC_KEY: keys.publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
      // One location sends the whole bench: lift the runaway-workflow cap meant for production traffic.
      GHL_LOCATION_EVENTS_PER_MINUTE: '100000000',
    };
    const server = await startPorchlight({ cwd: folder.dir, command: 'serve', env: serverEnv });
    const runId = randomBytes(3).toString('hex');
    // Signing is GHL's cost, not ours: sign everything before the clock starts.
    const bodies = Array.from({ length: EVENTS + WARMUP + NORMAL_EVENTS }, (_, i) => payload(i, runId));
    const storeBodies = Array.from({ length: EVENTS + WARMUP }, (_, i) => payload(i, `${runId}-store`));
    const signatures = bodies.map((b) => sign(null, Buffer.from(b), keys.privateKey).toString('base64'));
    const { post, close } = poster(server.port, bodies, signatures);
    try {
      await lanes(WARMUP, SENDERS, (i) => post(EVENTS + i));
      const cpuBefore = cpuOf(server.pid);
      const ingest = await lanes(EVENTS, SENDERS, post);
      const cpuAfter = cpuOf(server.pid);
      const memory = memoryOf(server.pid);
      const sorted = ingest.latencies.sort((a, b) => a - b);
      const ingestRate = EVENTS / (ingest.wallMs / 1000);
      const at32 = { n: EVENTS, senders: SENDERS, backend };
      line('ingest_events_per_second', Math.round(ingestRate), { unit: 'events/s', ...at32 });
      line('ingest_answer_p50_ms', Number(pct(sorted, 0.5).toFixed(2)), { unit: 'ms', ...at32 });
      line('ingest_answer_p99_ms', Number(pct(sorted, 0.99).toFixed(2)), { unit: 'ms', ...at32 });
      if (cpuBefore !== null && cpuAfter !== null)
        line('server_cpu_ms_per_event', Number(((cpuAfter - cpuBefore) / EVENTS).toFixed(3)), {
          unit: 'ms',
          ...at32,
          note: 'CPU (user + system) of the serve process per accepted event, from /proc',
        });
      line('server_rss_mb_during_ingest', memory.rssMb, {
        unit: 'MB',
        peak_rss_mb: memory.peakRssMb,
        ...at32,
        note: 'the serve process as the 32-sender run ends; the peak is over its whole life',
      });
      // The answer-time target is for normal load: measured separately, at a handful of concurrent senders.
      const normal = await lanes(NORMAL_EVENTS, NORMAL_SENDERS, (i) => post(EVENTS + WARMUP + i));
      const normalSorted = normal.latencies.sort((a, b) => a - b);
      const at4 = { n: NORMAL_EVENTS, senders: NORMAL_SENDERS, backend };
      line('ingest_answer_p50_ms_normal_load', Number(pct(normalSorted, 0.5).toFixed(2)), { unit: 'ms', ...at4 });
      line('ingest_answer_p99_ms_normal_load', Number(pct(normalSorted, 0.99).toFixed(2)), { unit: 'ms', ...at4 });
      close();
      await server.stop();

      const storeRate = await storePathRate(serverEnv, storeBodies);
      line('store_path_events_per_second', Math.round(storeRate), {
        unit: 'events/s',
        ...at32,
        note: 'ingestGhlEvent called in-process by 32 callers on the app pool: the database half, no HTTP, no verify',
      });

      const bareRate = await ceiling(await bareHttpServer(), bodies, signatures);
      line('bare_http_requests_per_second', Math.round(bareRate), {
        unit: 'requests/s',
        ...at32,
        note: 'a node:http server that only parses and answers: the ceiling of any HTTP ingest here',
      });
      line('ingest_to_bare_http_ratio', Number((ingestRate / bareRate).toFixed(3)), { unit: 'ratio', backend });
      const verifiedRate = await ceiling(await bareHttpServer(keys.publicKey), bodies, signatures);
      line('verified_bare_http_requests_per_second', Math.round(verifiedRate), {
        unit: 'requests/s',
        ...at32,
        note: 'the same server also checking each Ed25519 signature: the ceiling of any verifying ingest here',
      });
      line('ingest_to_verified_bare_http_ratio', Number((ingestRate / verifiedRate).toFixed(3)), {
        unit: 'ratio',
        backend,
      });
      line('ed25519_verifications_per_second', Math.round(verificationsPerSecond(bodies, signatures, keys.publicKey)), {
        unit: 'verifications/s',
        note: 'one core, node:crypto',
      });
      const plain = await plainInserts(database, bodies, EVENTS, EVENTS, runId);
      line('ingest_events_per_commit', Number((EVENTS / plain.ingestCommits).toFixed(1)), {
        unit: 'events',
        ...at32,
        note: 'group commit: accepted events per transaction at 32 senders',
      });
      const plainRate = EVENTS / (plain.wallMs / 1000);
      line('plain_insert_rows_per_second', Math.round(plainRate), { unit: 'rows/s', ...at32 });
      line('ingest_to_plain_insert_ratio', Number((ingestRate / plainRate).toFixed(3)), {
        unit: 'ratio',
        backend,
        note: 'ingest events/s divided by plain INSERT rows/s; 1.0 means ingest costs no more than one bare write each',
      });
      line('store_path_to_plain_insert_ratio', Number((storeRate / plainRate).toFixed(3)), {
        unit: 'ratio',
        backend,
        note: 'what group commit buys: our store + job insert per event against one bare INSERT per event',
      });
      line('verified_bare_http_to_plain_insert_ratio', Number((verifiedRate / plainRate).toFixed(3)), {
        unit: 'ratio',
        backend,
        note: 'below 1.0, no Node process that checks signatures reaches one plain INSERT per event, storing nothing',
      });
    } finally {
      close();
      await server.stop();
    }
  } finally {
    await database.drop();
    folder.remove();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
