import { describe, expect, it } from 'vitest';
import { scaleContactId, seedScaleBacklog } from '../../bench/scale-seed.ts';
import { readClusterStatus } from '../../db/use-cases/ops/read-cluster-status.ts';
import { scheduleCrons } from '../../jobs/worker.ts';
import { WORKER_LIVE_SECONDS } from '../../jobs/worker-registry.ts';
import { createTestRuntime } from '../helpers/runtime.ts';
import { waitFor } from '../helpers/wait-for.ts';
import {
  contactsAppliedOutOfOrder,
  cronTicks,
  inboundStatuses,
  jobIds,
  jobStates,
  leadTotals,
  unfinished,
} from './scale-fixtures.ts';
import { startWorkProcess } from './work-process.ts';

const POSTGRES = Boolean(process.env.DATABASE_URL);
if (!POSTGRES)
  console.warn(
    'test/scale/three-workers skipped: worker processes share a queue only on PostgreSQL (set DATABASE_URL); ' +
      'the embedded database serves one process',
  );

const CONTACTS = 300;
/** Created, two texts, updated, the agent answers, … : five texts and three contact changes each. */
const EVENTS_PER_CONTACT = 8;
const MESSAGES_PER_CONTACT = 5;
const CRM_EVENTS = 600;

// Real processes on the PostgreSQL pass only: once per suite (PGlite serves one process).
describe.skipIf(!POSTGRES)('three porchlight work processes on one PostgreSQL', () => {
  it('drain 3,000 mixed jobs once each, in contact order, one cron job per tick, surviving a SIGKILL', async () => {
    const t0 = Date.now();
    const phase = (what: string) => process.stderr.write(`[three-workers ${Date.now() - t0} ms] ${what}\n`);
    const rt = await createTestRuntime();
    const { db } = rt;
    // Stored before the workers start, so their first cron pass already has the minute's tick to send.
    await scheduleCrons(rt);
    const backlog = await seedScaleBacklog(rt, {
      contacts: CONTACTS,
      eventsPerContact: EVENTS_PER_CONTACT,
      crmEvents: CRM_EVENTS,
    });
    expect(backlog.ghlEvents + backlog.crmEvents).toBe(3_000);
    phase('3,000 jobs stored');

    // A dead worker's jobs come back once its heartbeat is 10 s stale (pg-boss's floor) and a monitor pass sees it.
    const env = { DATABASE_URL: rt.database.connectionString!, JOB_MONITOR_SECONDS: '2', JOB_RETRY_DELAY_SECONDS: '1' };
    const workers = [0, 1, 2].map(() => startWorkProcess(env, ['--concurrency', '4']));
    const status = () => readClusterStatus(db, { liveWithinSeconds: WORKER_LIVE_SECONDS });
    await waitFor(async () => ((await status()).workers.live === 3 ? true : undefined), 30_000, 100);
    phase('three workers live');

    const done = async () => Object.values(await jobStates(db)).reduce((n, s) => n + (s.completed ?? 0), 0);
    await waitFor(async () => ((await done()) >= 1_000 ? true : undefined), 90_000, 50);
    const victim = workers[1];
    victim.child.kill('SIGKILL');
    const killedAt = Date.now();
    await victim.exited;
    // A claim the victim sent just before dying still commits (PostgreSQL finishes a statement whose client left).
    await new Promise((resolve) => setTimeout(resolve, 500));
    const activeAtKill = await jobIds(db, 'active');
    phase(`SIGKILLed pid ${victim.pid} with ${activeAtKill.length} jobs active in the cluster`);
    expect(activeAtKill.length).toBeGreaterThan(0);

    await waitFor(async () => ((await unfinished(db, activeAtKill)) === 0 ? true : undefined), 60_000, 100);
    const resumeSeconds = (Date.now() - killedAt) / 1000;
    phase(`every job active at the kill finished ${resumeSeconds} s later`);
    const idle = async () => {
      const s = await status();
      return s.queues.every((q) => q.created + q.retry + q.active === 0) && s.workers.live === 2 ? s : undefined;
    };
    const drained = await waitFor(idle, 150_000, 250);
    phase('drained');

    // Every job done exactly once: completed, none failed or dead, and only the dead worker's were run again.
    const states = await jobStates(db);
    for (const [queue, byState] of Object.entries(states))
      expect(Object.keys(byState), `${queue}: ${JSON.stringify(byState)}`).toEqual(['completed']);
    expect(states['ghl.event'].completed).toBe(backlog.ghlEvents);
    expect(states['crm.event'].completed).toBe(backlog.crmEvents);
    expect(drained.deadLetters.total).toBe(0);
    const retried = await jobIds(db, 'retried');
    expect(retried.filter((id) => !activeAtKill.includes(id))).toEqual([]);
    expect(await inboundStatuses(db)).toEqual({ processed: 3_000 });
    expect(await leadTotals(db, scaleContactId(0).replace(/0$/, ''))).toEqual({
      leads: CONTACTS,
      messages: CONTACTS * MESSAGES_PER_CONTACT,
    });
    expect(await leadTotals(db, 'scale-api-contact-')).toEqual({ leads: CRM_EVENTS, messages: 0 });

    // Per contact, in the order her events reached us.
    expect(await contactsAppliedOutOfOrder(db)).toEqual([]);

    // Crons: each tick forwarded once for the whole cluster, and one job per tick, run once. A tick's forward is
    // stored a moment before it is run and sends the tick's job: read again until the two have caught up.
    const escalate = await waitFor(
      async () => {
        const ticks = await cronTicks(db, 'alert.escalate');
        if (ticks.jobs !== ticks.forwardsPerTick.length)
          throw new Error(
            `${ticks.jobs} alert.escalate jobs for forwards per tick ${JSON.stringify(ticks.forwardsPerTick)}`,
          );
        return ticks;
      },
      15_000,
      250,
    );
    expect(escalate.forwardsPerTick.length).toBeGreaterThan(0);
    expect(escalate.forwardsPerTick.every((n) => n === 1)).toBe(true);

    expect(resumeSeconds).toBeLessThan(30);
    const survivors = workers.filter((w) => w !== victim);
    for (const w of survivors) w.child.kill('SIGTERM');
    expect(await Promise.all(survivors.map((w) => w.exited))).toEqual([0, 0]);
    const figures = {
      test: 'three-workers',
      jobs: Object.values(states).reduce((n, s) => n + s.completed, 0),
      activeAtKill: activeAtKill.length,
      retried: retried.length,
      resumeSeconds,
      cronTicks: escalate.jobs,
      seconds: (Date.now() - t0) / 1000,
    };
    process.stdout.write(`${JSON.stringify(figures)}\n`);
  }, 300_000);
});
