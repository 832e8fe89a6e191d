import { generateKeyPairSync, randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Worker } from 'node:worker_threads';
import { serve } from '@hono/node-server';
import { and, eq, inArray } from 'drizzle-orm';
import { loadEnv } from '../core/config/load-env.ts';
import { createLogger } from '../core/observability/logger.ts';
import { createRuntime } from '../jobs/create-runtime.ts';
import { startWorkers } from '../jobs/worker.ts';
import { createAgent, createTenant } from '../db/queries/tenants.ts';
import { createLead } from '../db/queries/leads.ts';
import { replaceRoutingTable } from '../db/use-cases/routing/replace-routing-table.ts';
import { alerts, inboundEvents } from '../db/schema/index.ts';
import { createApp } from '../webhooks/app.ts';
import type { Runtime } from '../jobs/runtime.ts';
import type { BenchLead, ClientCommand, ClientReply, ClientSettings, Sent } from './speed-to-chat-client.ts';
import { throwawayPostgres } from './porchlight-process.ts';

/**
 * Showing requests per phase, each from its own existing lead (an alert per lead, no dedupe between them).
 * SPEED_BENCH_MESSAGES / SPEED_BENCH_BACKLOG shrink a run for a quick look; the figures quoted are the defaults.
 */
const MESSAGES = Number(process.env.SPEED_BENCH_MESSAGES ?? 500);
/** The burst of contact updates the second phase drains while messages arrive. */
const BACKLOG = Number(process.env.SPEED_BENCH_BACKLOG ?? 2_000);
/** A sender's pause between one message reaching Slack and its next message. */
const MESSAGE_GAP_MS = 50;
/** Leads writing at the same moment: each waits for its own message to reach Slack before the next. */
const SENDERS = 2;
const BACKLOG_SENDERS = 32;
const AGENTS = 4;
const LOCATION = 'bench_speed_location';
const SHOWING_REQUEST = "Can we see it Saturday? We're pre-approved";
const TIMEOUT_MS = 120_000;

type Backend = 'pglite' | 'postgres';
let backend: Backend = 'pglite';
const line = (figure: string, value: number | null, extra: Record<string, unknown> = {}) =>
  console.log(JSON.stringify({ bench: 'speed-to-chat', figure, value, backend, ...extra }));
const pct = (values: number[], p: number): number | null => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
};
const round = (value: number | null) => (value === null ? null : Number(value.toFixed(1)));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface PhaseResult {
  latencies: number[];
  missing: number;
  stages: Record<string, number[]>;
}

interface BenchLeadRow extends BenchLead {
  id: string;
}

/** GHL and Slack on their own thread (bench/speed-to-chat-client.ts), driven by commands. */
async function openClient(settings: ClientSettings) {
  const worker = new Worker(new URL('./speed-to-chat-client.ts', import.meta.url), { workerData: settings });
  const waiting = new Map<ClientReply['type'], { resolve: (r: ClientReply) => void; reject: (e: Error) => void }>();
  const failAll = (error: Error) => {
    for (const w of waiting.values()) w.reject(error);
    waiting.clear();
  };
  worker.on('message', (reply: ClientReply) => {
    if (reply.type === 'failed') return failAll(new Error(`bench client: ${reply.message}`));
    waiting.get(reply.type)?.resolve(reply);
    waiting.delete(reply.type);
  });
  worker.on('error', failAll);
  const next = <T extends ClientReply['type']>(type: T) =>
    new Promise<Extract<ClientReply, { type: T }>>((resolve, reject) =>
      waiting.set(type, { resolve: resolve as (r: ClientReply) => void, reject }),
    );
  const send = (command: ClientCommand) => worker.postMessage(command);
  const { slackUrl } = await next('ready');
  return {
    slackUrl,
    send,
    next,
    async quiet(leads: BenchLead[], run: string): Promise<Sent[]> {
      const done = next('quiet');
      send({ type: 'quiet', leads, run });
      return (await done).sent;
    },
    stop: () => worker.terminate(),
  };
}

/**
 * Latency from the webhook request to the agent's `chat.postMessage`, and its split from the alert's own stage
 * timestamps (what GET /api/v1/alerts/:id answers as `timings`), measured from the moment the event was stored.
 */
async function summarize(runtime: Runtime, sent: Sent[]): Promise<PhaseResult> {
  const measured = sent.filter((s): s is Required<Sent> => s.post !== undefined);
  const ids = measured.map((m) => m.post.alertId);
  const rows = ids.length ? await runtime.db.select().from(alerts).where(inArray(alerts.id, ids)) : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const stages: Record<string, number[]> = {};
  const add = (stage: string, ms: number) => (stages[stage] ??= []).push(ms);
  for (const { sentAt, post } of measured) {
    const row = byId.get(post.alertId);
    const received = row?.receivedAt?.getTime();
    if (!row || received === undefined) continue;
    add('ingest: request → stored', received - sentAt);
    for (const [stage, at] of [
      ['applied', row.appliedAt],
      ['raised', row.raisedAt],
      ['routed', row.routedAt],
      ['posted to Slack', new Date(post.at)],
    ] as const)
      if (at) add(`stored → ${stage}`, at.getTime() - received);
  }
  return {
    latencies: measured.map((m) => m.post.at - m.sentAt),
    missing: sent.length - measured.length,
    stages,
  };
}

function report(name: string, result: PhaseResult, extra: Record<string, unknown> = {}) {
  const n = result.latencies.length;
  for (const [p, label] of [
    [0.5, 'p50'],
    [0.95, 'p95'],
    [0.99, 'p99'],
  ] as const)
    line(`${name}_webhook_to_slack_${label}_ms`, round(pct(result.latencies, p)), {
      unit: 'ms',
      n,
      missing: result.missing,
      ...extra,
    });
  for (const [stage, values] of Object.entries(result.stages))
    line(`${name}_stage_p50_ms`, round(pct(values, 0.5)), {
      unit: 'ms',
      stage,
      p95: round(pct(values, 0.95)),
      n: values.length,
    });
}

/**
 * Speed to chat, end to end through the real HTTP server and workers: a team on Slack (a fake Slack Web API on
 * loopback, four agents, round robin), 500 signed GHL InboundMessage events from existing leads asking for a
 * showing, latency from the webhook request to the first `chat.postMessage` about that lead, with the per-stage
 * split from the alert's timings; on a quiet system, and again while a burst of 2,000 contact updates drains
 * (only messages sent before the backlog drained count there). The quiet run is the baseline in the same run:
 * the ratios say what the backlog costs a lead. `job_handler_mean_ms` shows where worker time went.
 * The senders and the fake Slack run on their own thread (bench/speed-to-chat-client.ts), as GHL and Slack are
 * outside our process: a message is sent on time even while the server's thread is busy.
 * PGlite by default; PostgreSQL with DATABASE_URL (a scratch database is created and dropped).
 */
export async function run(): Promise<void> {
  const url = process.env.DATABASE_URL;
  backend = url ? 'postgres' : 'pglite';
  const scratch = url ? await throwawayPostgres(url) : undefined;
  const benchUrl = scratch?.url;
  const keys = generateKeyPairSync('ed25519');
  const client = await openClient({
    privateKeyPem: keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    location: LOCATION,
    text: SHOWING_REQUEST,
    senders: SENDERS,
    burstSenders: BACKLOG_SENDERS,
    gapMs: MESSAGE_GAP_MS,
    timeoutMs: TIMEOUT_MS,
  });
  const env = loadEnv({
    ...(benchUrl ? { DATABASE_URL: benchUrl } : { PGLITE_DIR: 'memory://' }),
    LOG_LEVEL: 'silent',
    APP_SECRET: 'bench-secret-bench-secret-0123',
    GHL_WEBHOOK_PUBLIC_KEY: keys.publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
    SLACK_BOT_TOKEN: 'xoxb-bench',
    SLACK_SIGNING_SECRET: 'bench-slack-signing-secret',
    SLACK_API_URL: client.slackUrl,
    // One location sends the whole burst: the runaway-workflow guard would quarantine it.
    GHL_LOCATION_EVENTS_PER_MINUTE: '1000000',
  });
  // schedule: the queue monitor keeps the ready counts a bulk backlog drains by, as in `porchlight start`
  // (no cron job is registered: the workers below start without schedules).
  const runtime = await createRuntime({ env, logger: createLogger({ level: 'silent' }), schedule: true });
  const server = serve({ fetch: createApp(runtime).fetch, port: 0, hostname: '127.0.0.1' });
  const workers = await startWorkers(runtime, { schedules: false });
  try {
    // It may be listening already: the workers started in between.
    await new Promise((r) => (server.listening ? r(undefined) : server.once('listening', r)));
    client.send({ type: 'target', port: (server.address() as AddressInfo).port });
    const { tenant } = await createTenant(runtime.db, {
      name: 'Bench Team',
      slackTeamId: 'TBENCH',
      ghlLocations: [LOCATION],
    });
    for (let i = 0; i < AGENTS; i++)
      await createAgent(runtime.db, {
        tenantId: tenant.id,
        name: `Agent ${i}`,
        email: `agent${i}@bench.test`,
        role: 'agent',
        slackUserId: `UAGENT${i}`,
      });
    // Each alert goes to one agent, as most teams route.
    await replaceRoutingTable(runtime, {
      tenantId: tenant.id,
      rules: [{ name: 'Everyone, in turn', position: 0, condition: null, strategy: 'round_robin', pool: {} }],
    });
    const leads: BenchLeadRow[] = [];
    for (let i = 0; i < MESSAGES * 2; i++) {
      const contactId = `lead_contact_${i}`;
      const lead = await createLead(runtime.db, {
        tenantId: tenant.id,
        name: `Lead ${i}`,
        phone: `+1512555${String(i).padStart(4, '0')}`,
        ghlContactId: contactId,
      });
      leads.push({ id: lead.id, n: i, contactId });
    }
    const runId = randomBytes(3).toString('hex');

    // Warm-up: compile, connect, fill caches; not measured.
    await client.quiet(leads.slice(0, 20), `${runId}w`);

    const quiet = await summarize(runtime, await client.quiet(leads.slice(20, 20 + MESSAGES), `${runId}q`));
    report('quiet', quiet, { senders: SENDERS, gap_ms: MESSAGE_GAP_MS });

    // The burst lands at once (32 senders); the messages start arriving as soon as it has begun, so they meet
    // it while it is being stored and while it drains.
    const bulkDone = async () =>
      runtime.db.$count(
        inboundEvents,
        and(eq(inboundEvents.type, 'ContactUpdate'), inArray(inboundEvents.status, ['processed', 'failed'])),
      );
    const before = await bulkDone();
    const backlogLeads = leads.slice(20 + MESSAGES, 20 + 2 * MESSAGES);
    const started = client.next('burst-started');
    const finished = client.next('backlog');
    client.send({ type: 'backlog', leads: backlogLeads, run: runId, burst: BACKLOG });
    const burstStarted = (await started).at;
    let drainedAt: number | undefined;
    const watch = (async () => {
      while (drainedAt === undefined && Date.now() - burstStarted < 10 * TIMEOUT_MS) {
        if ((await bulkDone()) - before >= BACKLOG) drainedAt = Date.now();
        else await sleep(250);
      }
    })();
    const { sent, burstPostedMs } = await finished;
    await watch;
    const drainMs = drainedAt === undefined ? null : drainedAt - burstStarted;
    // Only what was sent while the backlog still drained counts as "under backlog".
    const whileDraining = sent.filter((s) => drainedAt === undefined || s.sentAt < drainedAt);
    const busy = await summarize(runtime, whileDraining);
    report('backlog', busy, {
      backlog: BACKLOG,
      senders: SENDERS,
      gap_ms: MESSAGE_GAP_MS,
      sent_while_draining: whileDraining.length,
      sent: sent.length,
    });
    line('backlog_drain_seconds', drainMs === null ? null : round(drainMs / 1000), {
      unit: 's',
      backlog: BACKLOG,
      posted_in_s: round(burstPostedMs / 1000),
      note: 'from the first contact update posted to the last one applied',
    });
    for (const p of [0.5, 0.95] as const) {
      const q = pct(quiet.latencies, p);
      const b = pct(busy.latencies, p);
      line(`backlog_to_quiet_p${p * 100}_ratio`, q && b !== null ? Number((b / q).toFixed(2)) : null, {
        unit: 'ratio',
        note: 'webhook-to-Slack latency under the backlog divided by the quiet baseline of this run',
      });
    }
    // Where worker time went: mean handler seconds per queue over the whole run.
    const durations = await runtime.metrics.jobDuration.get();
    const sums = new Map<string, { sum: number; count: number }>();
    for (const v of durations.values) {
      const queue = String(v.labels.queue);
      const entry = sums.get(queue) ?? { sum: 0, count: 0 };
      if (v.metricName?.endsWith('_sum')) entry.sum = v.value;
      if (v.metricName?.endsWith('_count')) entry.count = v.value;
      sums.set(queue, entry);
    }
    for (const [queue, { sum, count }] of sums)
      if (count) line('job_handler_mean_ms', round((sum / count) * 1000), { unit: 'ms', queue, jobs: count });
  } finally {
    await workers.stop(10_000);
    await new Promise((r) => server.close(r));
    await client.stop();
    await runtime.close();
    await runtime.database.close().catch(() => {});
    await scratch?.drop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
