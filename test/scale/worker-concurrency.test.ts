import { describe, expect, it } from 'vitest';
import { jobByName, JOBS } from '../../jobs/catalogue.ts';
import { jobPoolSize, queueSlots } from '../../jobs/worker-concurrency.ts';

describe('porchlight work --concurrency N', () => {
  it('runs the catalogue’s slot counts by default, and scales every non-cron queue from them', () => {
    for (const { name, policy } of JOBS) {
      const { slots, bulkSlots } = queueSlots(policy);
      expect(slots, name).toBe(policy.concurrency ?? 1);
      expect(bulkSlots, name).toBe(policy.bulkConcurrency);
    }
    expect(queueSlots(jobByName('ghl.event').policy, 16)).toEqual({ slots: 16, bulkSlots: 4 });
    expect(queueSlots(jobByName('listing.match').policy, 16)).toEqual({ slots: 8 });
    expect(queueSlots(jobByName('alert.route').policy, 32)).toEqual({ slots: 8 });
  });

  it('keeps one slot for every queue at N = 1, and one for cron queues at any N', () => {
    for (const { name, policy } of JOBS) expect(queueSlots(policy, 1).slots, name).toBe(1);
    expect(queueSlots(jobByName('ghl.event').policy, 1)).toEqual({ slots: 1, bulkSlots: 1 });
    expect(queueSlots(jobByName('alert.escalate').policy, 64)).toEqual({ slots: 1 });
    expect(jobPoolSize(8)).toBe(20);
  });
});
