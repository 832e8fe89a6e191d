import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { tenants } from '../../db/schema/index.ts';
import { listDeadJobs, replayDeadJobs } from '../../jobs/dead-letter.ts';
import { DEAD_LETTER_QUEUE, JOBS, QUEUE_NAMES } from '../../jobs/catalogue.ts';
import type { HandlerOverrides } from '../../jobs/handler.ts';
import { createTestRuntime } from '../helpers/runtime.ts';
import { drainJobs } from '../helpers/drain-jobs.ts';

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
    await expect(rt.queue.enqueue('lead.score', { tenantId: '', leadId: 'x' })).rejects.toThrow(/lead.score.*tenantId/);
  });

  it('every queue retries with exponential backoff and dead-letters', async () => {
    const rt = await createTestRuntime();
    const queues = await rt.queue.boss.getQueues();
    expect(new Set(QUEUE_NAMES).size).toBe(JOBS.length);
    for (const { name, policy } of JOBS) {
      const q = queues.find((x) => x.name === name)!;
      expect(q, name).toBeTruthy();
      expect(q.retryLimit).toBe(policy.retryLimit);
      expect(q.retryBackoff).toBe(true);
      expect(q.deadLetter).toBe(DEAD_LETTER_QUEUE);
    }
  });

  it('a job that keeps throwing is retried with growing delays, is dead-lettered, and replays', async () => {
    const rt = await createTestRuntime();
    const { boss } = rt.queue;
    // Same policy shape as production, shorter numbers.
    await boss.updateQueue('lead.score', { retryLimit: 2, retryDelay: 1, retryBackoff: true });
    const attempts: number[] = [];
    let failing = true;
    const handlers: HandlerOverrides = {
      'lead.score': async (_data, { job }) => {
        attempts.push(job.retryCount);
        if (failing) throw new Error('GHL answered 503');
      },
    };
    const id = await rt.queue.enqueue('lead.score', { tenantId: 't1', leadId: 'lead-1' });
    if (!id) throw new Error('enqueue returned no job id');
    // pg-boss schedules each retry from the failure, so the job row says how long it waits; each
    // wait is read there and then cut short instead of slept through.
    const waits: number[] = [];
    for (let retry = 0; retry < 2; retry++) {
      await expect(drainJobs(rt, ['lead.score'], { handlers })).rejects.toThrow('GHL answered 503');
      const job = await boss.getJobById('lead.score', id);
      expect(job).toMatchObject({ state: 'retry', retryCount: retry, retryDelay: 1, retryBackoff: true });
      waits.push(job!.startAfter.getTime() - job!.startedOn.getTime());
      await boss.update('lead.score', undefined, { id, startAfter: new Date() });
    }
    // backoff: retryDelay × 2^retryCount × (1 + jitter), so the second wait is the longer one
    expect(waits[0]).toBeGreaterThanOrEqual(1000);
    expect(waits[1]).toBeGreaterThanOrEqual(2000);
    expect(waits[1]).toBeGreaterThan(waits[0]);
    await expect(drainJobs(rt, ['lead.score'], { handlers })).rejects.toThrow('GHL answered 503');
    expect(attempts).toEqual([0, 1, 2]); // first try + retryLimit retries
    expect(await boss.getJobById('lead.score', id)).toMatchObject({ state: 'failed', retryCount: 2 });
    const [dead] = await listDeadJobs(boss);
    expect(dead.queue).toBe('lead.score');
    expect(dead.data).toEqual({ tenantId: 't1', leadId: 'lead-1' });
    expect(dead.error).toContain('GHL answered 503');

    failing = false;
    expect(await replayDeadJobs(boss, { queue: 'lead.score' })).toBe(1);
    expect(await drainJobs(rt, ['lead.score'], { handlers })).toEqual({ 'lead.score': 1 });
    expect(attempts).toHaveLength(4);
    const jobs = await boss.findJobs('lead.score', {});
    expect(jobs.some((j) => j.state === 'completed')).toBe(true);
  });

  it('the database answers through the same API on both backends', async () => {
    const rt = await createTestRuntime();
    const result = await rt.db.execute(sql`select 40 + 2 as answer`);
    expect((result as unknown as { rows: Array<{ answer: number }> }).rows[0].answer).toBe(42);
  });
});
