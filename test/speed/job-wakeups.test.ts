import { describe, expect, it, onTestFinished, vi } from 'vitest';
import type { PgBoss, WipData } from 'pg-boss';
import { LANE_PRIORITY } from '../../core/inbound/job-lane.ts';
import { wakeWorkers } from '../../jobs/job-wakeups.ts';
import { readWakeMessage, wakeMessage } from '../../jobs/queue.ts';
import { startWorkers } from '../../jobs/worker.ts';
import { createTestRuntime } from '../helpers/runtime.ts';
import { waitFor } from '../helpers/wait-for.ts';

/** A pg-boss stand-in with the two calls the waker uses: its workers, and who was woken. */
function bossWith(workers: Array<Pick<WipData, 'id' | 'name' | 'count'> & { options?: object }>) {
  const woken: string[] = [];
  const boss = {
    getWipData: () => workers.map((w) => ({ state: 'active', options: {}, ...w })),
    notifyWorker: (id: string) => void woken.push(id),
  } as unknown as PgBoss;
  return { boss, woken };
}

const fastPool = { minPriority: LANE_PRIORITY.fast };
const bulkPool = { maxPriority: LANE_PRIORITY.fast - 1 };

describe('waking workers for new jobs', () => {
  it('wakes one worker per job, idle ones first, and only workers of the lane the jobs are in', () => {
    const { boss, woken } = bossWith([
      { id: 'fast-busy', name: 'lead.score', count: 1, options: fastPool },
      { id: 'fast-idle-1', name: 'lead.score', count: 0, options: fastPool },
      { id: 'fast-idle-2', name: 'lead.score', count: 0, options: fastPool },
      { id: 'bulk-idle', name: 'lead.score', count: 0, options: bulkPool },
      { id: 'other-queue', name: 'alert.route', count: 0 },
    ]);
    wakeWorkers(boss, 'lead.score', { fast: 1, bulk: 0 });
    expect(woken).toHaveLength(1);
    expect(woken[0]).toMatch(/^fast-idle/);

    woken.length = 0;
    // More jobs than idle workers: the busy one is told too, so it fetches again the moment it is done.
    wakeWorkers(boss, 'lead.score', { fast: 3, bulk: 1 });
    expect(new Set(woken)).toEqual(new Set(['fast-idle-1', 'fast-idle-2', 'fast-busy', 'bulk-idle']));
  });

  it('reads back what an enqueue announced, and ignores what it did not write', () => {
    const first = wakeMessage({ queue: 'alert.route', fast: 2, bulk: 0 });
    const second = wakeMessage({ queue: 'alert.route', fast: 2, bulk: 0 });
    // Two announcements in one transaction must stay two: PostgreSQL folds identical notifications.
    expect(first).not.toBe(second);
    expect(readWakeMessage(first)).toEqual({ queue: 'alert.route', fast: 2, bulk: 0 });
    expect(readWakeMessage('alert.route')).toBeUndefined();
    expect(readWakeMessage('alert.route -1 0 7')).toBeUndefined();
  });

  it('three fast jobs queued in one transaction wake three of the fast lane’s workers, not all of them, and all three run', async () => {
    const rt = await createTestRuntime();
    const ran: string[] = [];
    const workers = await startWorkers(rt, {
      queues: ['lead.score'],
      schedules: false,
      handlers: { 'lead.score': async (data) => void ran.push(data.leadId) },
    });
    onTestFinished(() => workers.stop(5_000));
    const { boss } = rt.queue;
    const fastSlots = boss.getWipData().filter((w) => w.name === 'lead.score' && w.options.minPriority !== undefined);
    expect(fastSlots.length).toBeGreaterThan(3);
    const notify = vi.spyOn(boss, 'notifyWorker');

    const leads = ['lead-a', 'lead-b', 'lead-c'];
    await rt.db.transaction((tx) =>
      rt.queue.enqueueEach(
        'lead.score',
        leads.map((leadId) => ({ data: { tenantId: 'tenant-1', leadId }, priority: LANE_PRIORITY.fast })),
        { tx },
      ),
    );
    await waitFor(async () => (ran.length === leads.length ? true : undefined), 20_000);
    expect(new Set(ran)).toEqual(new Set(leads));
    expect(new Set(notify.mock.calls.map(([id]) => id)).size).toBe(3);
  });
});
