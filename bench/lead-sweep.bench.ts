import { eq, sql } from 'drizzle-orm';
import { loadEnv } from '../core/config/load-env.ts';
import { createLogger } from '../core/observability/logger.ts';
import { sweepDayFor } from '../core/scoring/sweep-day.ts';
import { createRng } from '../core/synthetic/create-rng.ts';
import { fixedClock } from '../core/time/clock.ts';
import { createTenant } from '../db/queries/tenants.ts';
import { alerts, leadActivities, leads } from '../db/schema/index.ts';
import { createRuntime } from '../jobs/create-runtime.ts';
import type { Runtime } from '../jobs/runtime.ts';
import { drainJobs } from '../test/helpers/drain-jobs.ts';
import { openBenchDatabase } from './matching-db-seed.ts';

/*
 * The daily sweep (`lead.sweep`) over a team's book of SWEEP_LEADS seeded leads (default 100,000): every page
 * job through the worker's own runJob, each lead re-scored through the `lead.score` use case (snapshot, model,
 * decay, signals, stale-lead alerts, audit). Baseline in the same run: a plain `UPDATE leads SET score = score`
 * over the same rows, the floor of touching every row once. Seeded with multi-row INSERTs, 1,000 rows each.
 * PGlite in memory by default; a throwaway PostgreSQL database (dropped after) with DATABASE_URL.
 */
const LEADS = Number(process.env.SWEEP_LEADS ?? 100_000);
const BATCH = 1000;
const AS_OF = new Date('2026-03-10T14:20:00Z');
const DAY = 86_400_000;
const SOURCES = ['Zillow', 'Realtor.com', 'Website', 'Referral from past client', 'Open house'];

const line = (figure: string, value: number, unit: string, extra: Record<string, unknown> = {}) =>
  console.log(JSON.stringify({ bench: 'lead-sweep', figure, value, unit, ...extra }));

/** A book like a team's: most leads active some time in the last 90 days, a third called by an agent. */
async function seedBook(rt: Runtime, tenantId: string): Promise<void> {
  const rng = createRng(20260310);
  const ago = (days: number) => new Date(AS_OF.getTime() - days * DAY);
  for (let start = 0; start < LEADS; start += BATCH) {
    const rows = Array.from({ length: Math.min(BATCH, LEADS - start) }, (_, k) => {
      const i = start + k;
      const called = rng.chance(0.35) ? ago(rng.between(0, 40)) : null;
      return {
        id: `lead-${String(i).padStart(7, '0')}`,
        tenantId,
        name: `Lead ${i}`,
        source: rng.pick(SOURCES),
        preApproved: rng.chance(0.3),
        timelineMonths: rng.chance(0.6) ? rng.int(0, 12) : null,
        createdAt: ago(rng.between(1, 200)),
        lastHumanContactAt: called,
      };
    });
    await rt.db.insert(leads).values(rows);
    const acts = rows.flatMap((lead) => {
      const wrote = rng.chance(0.8) ? [ago(rng.between(0, 120))] : [];
      return wrote.map((at, n) => ({
        tenantId,
        leadId: lead.id,
        kind: 'message',
        direction: 'inbound' as const,
        source: 'bench',
        externalId: `${lead.id}:${n}`,
        occurredAt: at,
      }));
    });
    if (acts.length) await rt.db.insert(leadActivities).values(acts);
  }
}

export async function run(): Promise<void> {
  const { database, drop } = await openBenchDatabase();
  const clock = fixedClock(AS_OF);
  const rt = await createRuntime({
    env: loadEnv({ LOG_LEVEL: 'silent', APP_SECRET: 'bench-secret-bench-secret-0123456789' }),
    database,
    migrate: true,
    schedule: false,
    logger: createLogger({ level: 'silent' }),
    clock,
  });
  const backend = process.env.DATABASE_URL ? 'postgres' : 'pglite';
  try {
    const { tenant } = await createTenant(rt.db, { name: 'Bench Realty' });
    await seedBook(rt, tenant.id);

    let t0 = performance.now();
    await rt.db.execute(sql`update leads set score = score where tenant_id = ${tenant.id}`);
    const baselineS = (performance.now() - t0) / 1000;

    const day = sweepDayFor(clock.now(), tenant.timezone)!;
    t0 = performance.now();
    await rt.queue.enqueue('lead.sweep', { tenantId: tenant.id, day });
    const ran = await drainJobs(rt, ['lead.sweep']);
    const sweepS = (performance.now() - t0) / 1000;

    const [{ swept }] = await rt.db
      .select({ swept: sql<number>`count(*)::int` })
      .from(leads)
      .where(eq(leads.sweptOn, day));
    const [{ raised }] = await rt.db.select({ raised: sql<number>`count(*)::int` }).from(alerts);
    const common = { backend, leads: LEADS, rescored: swept, pages: ran['lead.sweep'] ?? 0 };
    line('leads_per_second', Math.round(LEADS / sweepS), 'leads/s', common);
    line('rescored_per_second', Math.round(swept / sweepS), 'leads/s', common);
    line('sweep_seconds', Math.round(sweepS * 10) / 10, 's', common);
    line('alerts_raised', raised, 'alerts', common);
    line('baseline_update_seconds', Math.round(baselineS * 100) / 100, 's', {
      ...common,
      baseline: 'update leads set score = score',
    });
    line('sweep_vs_baseline', Math.round(sweepS / baselineS), 'x', common);
  } finally {
    await rt.close();
    await drop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
