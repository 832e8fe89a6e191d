import type { RetryPolicy } from './define-job.ts';

/**
 * `porchlight work --concurrency N`: job slots per busy queue in one process. The catalogue's slot counts
 * (jobs/catalogue.ts) are written for this many; every queue scales from them in proportion.
 */
export const DEFAULT_CONCURRENCY = 8;
export const MAX_CONCURRENCY = 64;

/** How many jobs of one queue a process runs at once: all lanes, and the bulk lane's share when it has one. */
export interface QueueSlots {
  slots: number;
  bulkSlots?: number;
}

const scaled = (n: number, concurrency: number) => Math.max(1, Math.round((n * concurrency) / DEFAULT_CONCURRENCY));

/**
 * A queue's slots at `concurrency`. Cron queues keep one: their job comes once per tick for the whole cluster,
 * so a second slot would only wait.
 * @example queueSlots({ ...fast, concurrency: 8, bulkConcurrency: 2 }, 16) // { slots: 16, bulkSlots: 4 }
 */
export function queueSlots(policy: RetryPolicy, concurrency = DEFAULT_CONCURRENCY): QueueSlots {
  const base = policy.concurrency ?? 1;
  if (policy.cron) return { slots: base };
  const slots = scaled(base, concurrency);
  return policy.bulkConcurrency === undefined
    ? { slots }
    : { slots, bulkSlots: Math.min(slots, scaled(policy.bulkConcurrency, concurrency)) };
}

/**
 * Database connections a worker process needs for its jobs at `concurrency`: one per slot of the busiest queue
 * and as many again for the follow-ups it feeds (an event's re-score), plus a few for everything else. pg-boss
 * keeps a pool of its own (jobs/boss.ts) for fetching and settling jobs.
 */
export const jobPoolSize = (concurrency = DEFAULT_CONCURRENCY) => 2 * concurrency + 4;
