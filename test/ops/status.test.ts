import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { createProgram } from '../../bin/program.ts';
import { loadEnv } from '../../core/config/load-env.ts';
import type { ClusterStatus } from '../../core/ops/cluster-status.ts';
import { createLogger } from '../../core/observability/logger.ts';
import { openDatabase, type Database } from '../../db/client.ts';
import { migrate } from '../../db/migrate.ts';
import { recordInboundEvent } from '../../db/queries/inbound-events.ts';
import { recordWorkerHeartbeat } from '../../db/queries/status/worker-processes.ts';
import { QUEUE_NAMES } from '../../jobs/catalogue.ts';
import { createRuntime } from '../../jobs/create-runtime.ts';
import { createTestDatabase } from '../helpers/database.ts';
import { TEST_ENV } from '../helpers/runtime.ts';

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

/** Runs `porchlight status <args>` in this process against the env the test stubbed; what it printed. */
async function status(...args: string[]): Promise<string> {
  let out = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  try {
    await createProgram().parseAsync(['node', 'porchlight', 'status', ...args]);
  } finally {
    vi.mocked(process.stdout.write).mockRestore();
  }
  return out;
}

/**
 * The database `porchlight status` will open: a PostgreSQL database of its own, or an embedded data dir that the
 * seeding closes again before the command runs (no server holds it, as when an operator runs the command).
 */
async function seededDatabase(): Promise<Database> {
  if (process.env.DATABASE_URL) {
    const database = await createTestDatabase();
    vi.stubEnv('DATABASE_URL', database.connectionString!);
    return database;
  }
  const dir = mkdtempSync(join(tmpdir(), 'porchlight-status-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  const pgliteDir = join(dir, 'pglite');
  vi.stubEnv('PGLITE_DIR', pgliteDir);
  const database = await openDatabase({ pgliteDir });
  await migrate(database);
  return database;
}

const at = (ms: number) => new Date(ms).toISOString();

describe('porchlight status', () => {
  it('shows the depths, the oldest waiting job, live workers, dead letters and the last minute’s ingest', async () => {
    vi.stubEnv('LOG_LEVEL', 'silent');
    const database = await seededDatabase();
    const env = loadEnv({
      ...TEST_ENV,
      ...(database.connectionString ? { DATABASE_URL: database.connectionString } : {}),
    });
    const runtime = await createRuntime({ env, database, schedule: false, logger: createLogger({ level: 'silent' }) });
    const { boss } = runtime.queue;
    const { db } = runtime;
    const setStartAfter = (id: string, ms: number) =>
      db.execute(sql`update pgboss.job set start_after = ${at(ms)}::timestamptz where id = ${id}`);

    // ghl.event: one held by a worker, one waiting an hour, one just stored, one deferred to later.
    await runtime.queue.enqueue('ghl.event', { inboundEventId: 'held' });
    const [held] = await boss.fetch('ghl.event');
    expect(held.data).toEqual({ inboundEventId: 'held' });
    const hourAgo = Date.now() - 3_600_000;
    const waiting = (await runtime.queue.enqueue('ghl.event', { inboundEventId: 'waiting' }))!;
    await setStartAfter(waiting, hourAgo);
    await runtime.queue.enqueue('ghl.event', { inboundEventId: 'fresh' });
    await runtime.queue.enqueue('ghl.event', { inboundEventId: 'later' }, { startAfter: 3600 });

    // alert.deliver: one failed once and due again for ten minutes, one stored.
    await runtime.queue.enqueue('alert.deliver', { tenantId: 't1', deliveryId: 'd1' });
    const [failing] = await boss.fetch('alert.deliver');
    await boss.fail('alert.deliver', failing.id, { message: 'Slack answered 500' });
    const tenMinutesAgo = Date.now() - 600_000;
    await setStartAfter(failing.id, tenMinutesAgo);
    await runtime.queue.enqueue('alert.deliver', { tenantId: 't1', deliveryId: 'd2' });

    // Two jobs out of retries: dead letters of sms.send and email.event.
    for (const queue of ['sms.send', 'email.event'] as const) {
      const data = queue === 'sms.send' ? { tenantId: 't1', deliveryId: 'd3' } : { inboundEventId: 'e1' };
      await runtime.queue.enqueue(queue, data as never, { retryLimit: 0 });
      const [job] = await boss.fetch(queue);
      await boss.fail(queue, job.id, { message: 'gave up' });
    }

    // Three webhooks in the last minute; two from five minutes ago do not count.
    const received = [];
    for (let n = 0; n < 5; n++)
      received.push(
        await recordInboundEvent(db, {
          provider: 'ghl',
          eventId: `wh-${n}`,
          status: n === 4 ? 'rejected' : 'accepted',
          verified: n !== 4,
          rawBody: '{}',
        }),
      );
    for (const { id } of received.slice(0, 2))
      await db.execute(sql`update inbound_events set received_at = now() - interval '5 minutes' where id = ${id}`);

    // One worker process heart-beating, one silent for five minutes (killed).
    await recordWorkerHeartbeat(db, { id: 'w-live', host: 'worker-a', pid: 4101, concurrency: 8 });
    await recordWorkerHeartbeat(db, { id: 'w-gone', host: 'worker-b', pid: 4102, concurrency: 16 });
    await db.execute(sql`update worker_processes set seen_at = now() - interval '5 minutes' where id = 'w-gone'`);

    await runtime.close();
    await database.close();

    const before = Date.now();
    const out = await status('--json');
    const after = Date.now();
    expect(out.trimEnd().split('\n')).toHaveLength(1);
    const report = JSON.parse(out) as ClusterStatus;

    const waitedSince = (since: number) => ({ min: (before - since) / 1000 - 1, max: (after - since) / 1000 + 1 });
    const hour = waitedSince(hourAgo);
    const tenMinutes = waitedSince(tenMinutesAgo);
    expect(report.oldestWaitingSeconds).toBeGreaterThanOrEqual(hour.min);
    expect(report.oldestWaitingSeconds).toBeLessThanOrEqual(hour.max);
    const byName = new Map(report.queues.map((q) => [q.name, q]));
    expect([...byName.keys()]).toEqual(QUEUE_NAMES);
    const ghl = byName.get('ghl.event')!;
    expect({ created: ghl.created, retry: ghl.retry, active: ghl.active }).toEqual({ created: 3, retry: 0, active: 1 });
    expect(ghl.oldestWaitingSeconds).toBeGreaterThanOrEqual(hour.min);
    expect(ghl.oldestWaitingSeconds).toBeLessThanOrEqual(hour.max);
    const deliver = byName.get('alert.deliver')!;
    expect({ created: deliver.created, retry: deliver.retry, active: deliver.active }).toEqual({
      created: 1,
      retry: 1,
      active: 0,
    });
    expect(deliver.oldestWaitingSeconds).toBeGreaterThanOrEqual(tenMinutes.min);
    expect(deliver.oldestWaitingSeconds).toBeLessThanOrEqual(tenMinutes.max);
    const idle = report.queues.filter((q) => q.name !== 'ghl.event' && q.name !== 'alert.deliver');
    for (const q of idle)
      expect(q, q.name).toMatchObject({ created: 0, retry: 0, active: 0, oldestWaitingSeconds: null });

    expect(report.deadLetters).toEqual({ total: 2, byQueue: { 'email.event': 1, 'sms.send': 1 } });
    expect(report.ingest).toEqual({ lastMinute: 3, perSecond: 0.05 });
    expect(report.workers.live).toBe(1);
    expect(report.workers.processes).toMatchObject([{ host: 'worker-a', pid: 4101, concurrency: 8 }]);

    // The same facts for a person at a terminal: busy queues only.
    const text = await status();
    expect(text).toMatch(/^ghl\.event\s+3\s+0\s+1\s+1\.0 h$/m);
    expect(text).toMatch(/^alert\.deliver\s+1\s+1\s+0\s+10 min$/m);
    expect(text).not.toMatch(/^lead\.score/m);
    expect(text).toContain('workers: 1 live (worker-a:4101 ×8)');
    expect(text).toContain('dead letters: 2 (email.event 1, sms.send 1; porchlight dlq list)');
    expect(text).toContain('ingest: 3 events in the last minute (0.1/s)');
  }, 60_000);
});
