import { performance } from 'node:perf_hooks';
import { DEFAULT_MODEL } from '../core/scoring/default-model.ts';
import { extractFeatures } from '../core/scoring/lead-features.ts';
import { scoreLead } from '../core/scoring/score-lead.ts';
import { generateSyntheticOutcomes } from '../core/scoring/synthetic-outcomes.ts';
import { fixedClock } from '../core/time/clock.ts';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { loadEnv } from '../core/config/load-env.ts';
import { createLogger } from '../core/observability/logger.ts';
import { systemClock } from '../core/time/clock.ts';
import { openDatabase, type Database } from '../db/client.ts';
import { createLead } from '../db/queries/leads.ts';
import { createTenant } from '../db/queries/tenants.ts';
import { leadActivities } from '../db/schema/index.ts';
import { createRuntime } from '../jobs/create-runtime.ts';
import leadScoreHandler from '../jobs/handlers/lead-score.ts';
import type { JobHandler } from '../jobs/handler.ts';
import { startWorkers } from '../jobs/worker.ts';

const AS_OF = '2026-03-01T12:00:00Z';

/** Scoring from a snapshot: feature extraction plus the model, what `lead.score` does per lead. */
function scoreOne(snapshot: Parameters<typeof extractFeatures>[0], clock = fixedClock(AS_OF)) {
  return scoreLead(extractFeatures(snapshot, clock), DEFAULT_MODEL);
}

/**
 * p95 milliseconds from a lead event to its stored new score, given a function that performs the
 * whole path for one event (insert the activity, enqueue `lead.score`, wait until the lead row
 * carries the new score). The DB-backed runner is the lead's to supply.
 */
export async function measureEventToStoredScoreP95(
  processEvent: (i: number) => Promise<void>,
  events = 200,
): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < events; i++) {
    const t0 = performance.now();
    await processEvent(i);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.min(times.length - 1, Math.ceil(0.95 * times.length) - 1)];
}

export async function run(): Promise<void> {
  const leads = generateSyntheticOutcomes({ count: 10_000, seed: 1, asOf: AS_OF }).map((l) => l.snapshot);
  const clock = fixedClock(AS_OF);
  for (const s of leads.slice(0, 500)) scoreOne(s, clock); // warm the JIT

  // One lead at a time, as a re-score after a single event does it.
  const singleRuns = 20_000;
  let t0 = performance.now();
  for (let i = 0; i < singleRuns; i++) scoreOne(leads[i % 100], fixedClock(AS_OF));
  const singleMs = performance.now() - t0;
  console.log(
    JSON.stringify({
      bench: 'scoring',
      figure: 'leads_scored_per_second_single',
      value: Math.round(singleRuns / (singleMs / 1000)),
      unit: 'leads/s',
      n: singleRuns,
    }),
  );

  // A batch of 10,000 distinct leads, as a model activation re-scores a tenant's book.
  t0 = performance.now();
  for (const s of leads) scoreOne(s, clock);
  const batchMs = performance.now() - t0;
  console.log(
    JSON.stringify({
      bench: 'scoring',
      figure: 'leads_scored_per_second_batch',
      value: Math.round(leads.length / (batchMs / 1000)),
      unit: 'leads/s',
      n: leads.length,
      totalMs: Math.round(batchMs),
    }),
  );

  for (const line of await eventToStoredScore()) console.log(JSON.stringify(line));
}

/**
 * The whole path for real, on a fresh database: an inbound message and its `lead.score` job
 * committed together, a pg-boss worker picking the job up, scoring and storing. The real handler
 * is wrapped only to learn when it returned, i.e. when the new score was committed.
 */
async function eventToStoredScoreOn(backend: 'pglite' | 'postgres', events = 200): Promise<Record<string, unknown>> {
  const url = process.env.DATABASE_URL;
  let database: Database;
  let drop = async () => {};
  if (backend === 'postgres' && url) {
    const name = `porchlight_bench_${randomBytes(4).toString('hex')}`;
    const admin = async (text: string) => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        await c.query(text);
      } finally {
        await c.end();
      }
    };
    await admin(`CREATE DATABASE ${name}`);
    const u = new URL(url);
    u.pathname = `/${name}`;
    database = await openDatabase({ url: u.toString() });
    drop = () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } else database = await openDatabase({ pgliteDir: 'memory://' });

  const env = loadEnv({ LOG_LEVEL: 'silent', APP_SECRET: 'bench-secret-bench-secret' });
  const rt = await createRuntime({
    env,
    database,
    migrate: true,
    schedule: false,
    logger: createLogger({ level: 'silent' }),
    clock: systemClock,
  });
  try {
    const { tenant } = await createTenant(rt.db, { name: 'Bench Realty' });
    const lead = await createLead(rt.db, {
      tenantId: tenant.id,
      name: 'Bench Lead',
      source: 'Zillow',
      preApproved: true,
      budgetMax: 500_000,
    });
    let done: (() => void) | undefined;
    const handler: JobHandler<'lead.score'> = async (data, ctx) => {
      await leadScoreHandler(data, ctx);
      done?.();
    };
    const workers = await startWorkers(rt, {
      queues: ['lead.score'],
      schedules: false,
      handlers: { 'lead.score': handler },
    });
    let seq = 0;
    const processEvent = async () => {
      const stored = new Promise<void>((resolve) => {
        done = resolve;
      });
      await rt.db.transaction(async (tx) => {
        await tx.insert(leadActivities).values({
          tenantId: tenant.id,
          leadId: lead.id,
          kind: 'message',
          direction: 'inbound',
          body: 'Is it still available?',
          source: 'bench',
          externalId: String(++seq),
          occurredAt: new Date(),
        });
        await rt.queue.enqueue(
          'lead.score',
          { tenantId: tenant.id, leadId: lead.id, trigger: 'message.inbound' },
          { tx },
        );
      });
      await stored;
    };
    for (let i = 0; i < 10; i++) await processEvent(); // warm the JIT and the connection pool
    const p95 = await measureEventToStoredScoreP95(processEvent, events);
    await workers.stop();
    return {
      bench: 'scoring',
      figure: 'lead_event_to_stored_score_p95_ms',
      backend,
      value: Math.round(p95 * 10) / 10,
      unit: 'ms',
      n: events,
    };
  } finally {
    await rt.close();
    await database.close();
    await drop();
  }
}

/** PGlite always; PostgreSQL too when DATABASE_URL is set. */
async function eventToStoredScore(): Promise<Array<Record<string, unknown>>> {
  const lines = [await eventToStoredScoreOn('pglite')];
  if (process.env.DATABASE_URL) lines.push(await eventToStoredScoreOn('postgres'));
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
