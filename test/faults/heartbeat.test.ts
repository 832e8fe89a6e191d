import { describe, expect, it } from 'vitest';
import { JOBS, jobByName } from '../../jobs/catalogue.ts';
import { createTestRuntime } from '../helpers/runtime.ts';
import { waitFor } from '../helpers/wait-for.ts';

describe('a job held by a worker that died', () => {
  it('every queue carries a heartbeat well under its expiry', async () => {
    const rt = await createTestRuntime();
    const queues = await rt.queue.boss.getQueues();
    for (const { name, policy } of JOBS) {
      const queue = queues.find((q) => q.name === name);
      expect(queue?.heartbeatSeconds, name).toBe(policy.heartbeatSeconds);
      expect(policy.heartbeatSeconds, name).toBeLessThanOrEqual((policy.expireInSeconds ?? 900) / 10);
    }
  });

  it('is handed out again within about two heartbeats, not after its 300 s expiry', { timeout: 60_000 }, async () => {
    // The monitor pass (JOB_MONITOR_SECONDS) runs every second here; the heartbeat is the production one.
    const rt = await createTestRuntime({
      schedule: true,
      env: { JOB_MONITOR_SECONDS: '1', JOB_RETRY_DELAY_SECONDS: '0' },
    });
    const { boss } = rt.queue;
    const { heartbeatSeconds, expireInSeconds } = jobByName('ghl.event').policy;
    if (!heartbeatSeconds || !expireInSeconds) throw new Error('ghl.event has no heartbeat or expiry');

    const id = await rt.queue.enqueue('ghl.event', { inboundEventId: 'evt-held-by-a-dead-worker' });
    // A worker claims the job and then dies: nothing completes it and nothing heart-beats for it.
    const [claimed] = await boss.fetch('ghl.event');
    expect(claimed.id).toBe(id);
    const claimedAt = Date.now();

    const [again] = await waitFor(
      async () => {
        const jobs = await boss.fetch('ghl.event');
        return jobs.length ? jobs : undefined;
      },
      (2 * heartbeatSeconds + 5) * 1000,
      200,
    );
    const waitedSeconds = (Date.now() - claimedAt) / 1000;
    expect(again).toMatchObject({ id, retryCount: 1 });
    expect(waitedSeconds).toBeLessThan(expireInSeconds / 10);
    const job = await boss.getJobById('ghl.event', id!);
    expect(job?.state).toBe('active');
  });
});
