import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { tenants } from '../../db/schema/index.ts';
import { startWorkers } from '../../jobs/worker.ts';
import { listDeadJobs, replayDeadJobs } from '../../jobs/dead-letter.ts';
import { DEAD_LETTER_QUEUE, QUEUES } from '../../jobs/registry.ts';
import { createTestRuntime } from '../helpers/runtime.ts';
import { waitFor } from '../helpers/wait-for.ts';

describe('job queue', () => {
  it('a job enqueued in a transaction that rolls back does not exist, and neither does its row', async () => {
    const rt = await createTestRuntime();
    await expect(
      rt.db.transaction(async (tx) => {
        await tx.insert(tenants).values({ name: 'Rolled Back Realty', apiKeyHash: 'rb' });
        await rt.queue.enqueue('lead.score', { tenantId: 't-rolled-back', leadId: 'l1' }, { tx });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    await rt.db.transaction(async (tx) => {
      await tx.insert(tenants).values({ name: 'Committed Realty', apiKeyHash: 'c' });
      await rt.queue.enqueue('lead.score', { tenantId: 't-committed', leadId: 'l2' }, { tx });
    });
    const jobs = await rt.queue.boss.findJobs('lead.score', {});
    expect(jobs.map((j) => (j.data as { tenantId: string }).tenantId)).toEqual(['t-committed']);
    expect((await rt.db.select().from(tenants)).map((t) => t.name)).toEqual(['Committed Realty']);
  });

  it('rejects a payload that does not match the queue schema', async () => {
    const rt = await createTestRuntime();
    await expect(rt.queue.enqueue('lead.score', { tenantId: '', leadId: 'x' } as never)).rejects.toThrow(
      /lead.score.*tenantId/,
    );
  });

  it('every queue retries with exponential backoff and dead-letters', async () => {
    const rt = await createTestRuntime();
    const queues = await rt.queue.boss.getQueues();
    for (const [name, { policy }] of Object.entries(QUEUES)) {
      const q = queues.find((x) => x.name === name)!;
      expect(q, name).toBeTruthy();
      expect(q.retryLimit).toBe(policy.retryLimit);
      expect(q.retryBackoff).toBe(true);
      expect(q.deadLetter).toBe(DEAD_LETTER_QUEUE);
    }
  });

  it('a job that keeps throwing is retried with growing delays, lands in the dead-letter queue, and replays', async () => {
    const rt = await createTestRuntime();
    // Same policy shape as production, shorter numbers so the test runs in seconds.
    await rt.queue.boss.updateQueue('lead.score', { retryLimit: 2, retryDelay: 1, retryBackoff: true });
    const attempts: number[] = [];
    let failing = true;
    const workers = await startWorkers(rt, {
      queues: ['lead.score'],
      schedules: false,
      handlers: {
        'lead.score': (async () => {
          attempts.push(Date.now());
          if (failing) throw new Error('GHL answered 503');
        }) as never,
      },
    });
    await rt.queue.enqueue('lead.score', { tenantId: 't1', leadId: 'lead-1' });
    const [dead] = await waitFor(async () => {
      const rows = await listDeadJobs(rt.queue.boss);
      return rows.length ? rows : undefined;
    }, 20_000);
    expect(attempts).toHaveLength(3); // first try + retryLimit retries
    expect(dead.queue).toBe('lead.score');
    expect(dead.data).toEqual({ tenantId: 't1', leadId: 'lead-1' });
    expect(dead.error).toContain('GHL answered 503');
    // backoff: the second gap is longer than the first
    expect(attempts[2] - attempts[1]).toBeGreaterThan(attempts[1] - attempts[0]);

    failing = false;
    expect(await replayDeadJobs(rt.queue.boss, { queue: 'lead.score' })).toBe(1);
    await waitFor(async () => (attempts.length === 4 ? true : undefined), 10_000);
    await waitFor(async () => {
      const jobs = await rt.queue.boss.findJobs('lead.score', {});
      return jobs.some((j) => j.state === 'completed') ? true : undefined;
    }, 10_000);
    await workers.stop();
  });

  it('the database answers through the same API on both backends', async () => {
    const rt = await createTestRuntime();
    const result = await rt.db.execute(sql`select 40 + 2 as answer`);
    expect((result as unknown as { rows: Array<{ answer: number }> }).rows[0].answer).toBe(42);
  });
});
