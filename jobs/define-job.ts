import type { z } from 'zod';
import { laneOfPriority } from '../core/inbound/job-lane.ts';
import type { JobContext } from './handler.ts';

/** How pg-boss retries, expires and schedules one queue's jobs (applied to the queue in jobs/boss.ts). */
export interface RetryPolicy {
  retryLimit: number;
  /** seconds before the first retry; doubles each time with `retryBackoff` */
  retryDelay: number;
  retryBackoff: boolean;
  retryDelayMax?: number;
  expireInSeconds?: number;
  /** cron expression for scheduled queues */
  cron?: string;
  /** how many jobs one worker runs at once */
  concurrency?: number;
  /**
   * A queue that carries both lanes: fast-lane jobs get `concurrency` slots of their own and bulk-lane jobs at
   * most this many, so a bulk backlog holds only a few database connections and a lead's message never waits
   * for one behind it. Unset: one pool of `concurrency` slots serves both lanes, fast first.
   */
  bulkConcurrency?: number;
  /** At most this many jobs of one group (jobs sent with `group`) run at once, across every worker. */
  groupConcurrency?: number;
  /** seconds without a worker heartbeat before pg-boss retries an active job (a dead worker); >= 10 */
  heartbeatSeconds?: number;
  /**
   * pg-boss's queue policy, fixed when the queue is created. `short` allows one queued (created, not yet
   * started) job per singleton key: a second send with that key while one waits is dropped, while a job that
   * has started does not count, so an event arriving mid-run still gets a run of its own. Such a queue must
   * key every job (see `coalesce`): pg-boss treats a job without a key as keyed ''.
   */
  queuePolicy?: 'standard' | 'short';
}

type PayloadHandler<P> = (data: P, ctx: JobContext) => Promise<void>;

export interface JobSpec<N extends string, S extends z.ZodType> {
  name: N;
  /** Checked when the job is enqueued and again when it runs (a stored row may predate a schema change). */
  schema: S;
  policy: RetryPolicy;
  /**
   * What makes two jobs the same work, for a `short` queue: jobs with one key in one lane coalesce while
   * queued (a burst of events on one lead is one re-score), and a fast job never folds into a bulk one.
   */
  coalesce?: (data: z.output<S>) => string;
  /** Imports the handler module on first use, so processes that only enqueue never load worker code. */
  handler: PayloadHandler<z.output<S>>;
}

export interface JobDefinition<N extends string, S extends z.ZodType> extends JobSpec<N, S> {
  /**
   * Validates a stored payload and runs the handler, or its stand-in from `replace` (tests, benches).
   * Each entry closes over its own payload type, so one worker loop serves every queue without a cast.
   */
  run(data: unknown, ctx: JobContext, replace?: { readonly [K in N]?: PayloadHandler<z.output<S>> }): Promise<void>;
  /** The singleton key of a job about to be sent (payload already validated) at this priority, if it coalesces. */
  coalesceKey(data: unknown, priority: number | undefined): string | undefined;
}

/**
 * One queue of the catalogue (jobs/catalogue.ts): its name, payload schema, retry policy and handler.
 * @example defineJob({ name: 'lead.score', schema: z.object({ leadId: z.string() }), policy: fast, handler })
 */
export function defineJob<const N extends string, S extends z.ZodType>(spec: JobSpec<N, S>): JobDefinition<N, S> {
  const { coalesce } = spec;
  return {
    ...spec,
    run: (data, ctx, replace) => (replace?.[spec.name] ?? spec.handler)(spec.schema.parse(data), ctx),
    // The caller validated `data` with this schema just before (jobs/queue.ts); parsing it again would only cost.
    coalesceKey: (data, priority) =>
      coalesce ? `${laneOfPriority(priority)}:${coalesce(data as z.output<S>)}` : undefined,
  };
}
