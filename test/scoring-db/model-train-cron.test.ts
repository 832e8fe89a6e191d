import { describe, expect, it } from 'vitest';
import { createTestRuntime } from '../helpers/runtime.ts';
import { createTenant } from '../../db/queries/tenants.ts';
import trainHandler from '../../jobs/handlers/model-train.ts';

describe('nightly model.train', () => {
  it('fans out one training job per team instead of training everyone in one job', async () => {
    const rt = await createTestRuntime();
    const { tenant: a } = await createTenant(rt.db, { name: 'Alpha Realty' });
    const { tenant: b } = await createTenant(rt.db, { name: 'Beta Homes' });
    const ctx = { runtime: rt, job: { id: 'cron', retryCount: 0, signal: new AbortController().signal } };
    await trainHandler({}, ctx);
    await trainHandler({}, ctx); // a second sweep before the first ran queues nothing new
    const queued = (await rt.queue.boss.findJobs('model.train', {}))
      .map((j) => (j.data as { tenantId: string }).tenantId)
      .sort();
    expect(queued).toEqual([a.id, b.id].sort());
    // A team with no outcomes yet is told so and keeps the default model; the job does not fail.
    await expect(trainHandler({ tenantId: a.id }, ctx)).resolves.toBeUndefined();
  });
});
