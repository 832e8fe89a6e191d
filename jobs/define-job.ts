import type { z } from 'zod';
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
  /** At most this many jobs of one group (jobs sent with `group`) run at once, across every worker. */
  groupConcurrency?: number;
  /** seconds without a worker heartbeat before pg-boss retries an active job (a dead worker); >= 10 */
  heartbeatSeconds?: number;
}

type PayloadHandler<P> = (data: P, ctx: JobContext) => Promise<void>;

export interface JobSpec<N extends string, S extends z.ZodType> {
  name: N;
  /** Checked when the job is enqueued and again when it runs (a stored row may predate a schema change). */
  schema: S;
  policy: RetryPolicy;
  /** Imports the handler module on first use, so processes that only enqueue never load worker code. */
  handler: PayloadHandler<z.output<S>>;
}

export interface JobDefinition<N extends string, S extends z.ZodType> extends JobSpec<N, S> {
  /**
   * Validates a stored payload and runs the handler, or its stand-in from `replace` (tests, benches).
   * Each entry closes over its own payload type, so one worker loop serves every queue without a cast.
   */
  run(data: unknown, ctx: JobContext, replace?: { readonly [K in N]?: PayloadHandler<z.output<S>> }): Promise<void>;
}

/**
 * One queue of the catalogue (jobs/catalogue.ts): its name, payload schema, retry policy and handler.
 * @example defineJob({ name: 'lead.score', schema: z.object({ leadId: z.string() }), policy: fast, handler })
 */
export function defineJob<const N extends string, S extends z.ZodType>(spec: JobSpec<N, S>): JobDefinition<N, S> {
  return {
    ...spec,
    run: (data, ctx, replace) => (replace?.[spec.name] ?? spec.handler)(spec.schema.parse(data), ctx),
  };
}
