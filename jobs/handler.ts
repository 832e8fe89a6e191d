import type { Job } from 'pg-boss';
import { laneOfPriority, type Lane } from '../core/inbound/job-lane.ts';
import type { JobPayload, QueueName } from './catalogue.ts';
import type { Runtime } from './runtime.ts';

export interface JobContext {
  runtime: Runtime;
  /** The claimed job; `priority` as pg-boss stored it (0 when the job was sent without one). */
  job: Pick<Job, 'id' | 'retryCount' | 'signal'> & { priority?: number };
  /**
   * The running job's lane, read from its priority (jobs/run-job.ts sets it; a test calling a handler by
   * hand may leave it out). Read it with `jobLane(ctx)`.
   */
  lane?: Lane;
}

/**
 * The lane work caused by this job is enqueued in: a lead's message stays fast all the way to the
 * agent's chat, and a contact sync's re-scores stay bulk.
 * @example await applyInboundEvent(deps, { inboundEventId, interpret, lane: jobLane(ctx) })
 */
export function jobLane(ctx: Pick<JobContext, 'job' | 'lane'>): Lane {
  return ctx.lane ?? laneOfPriority(ctx.job.priority);
}

export type JobHandler<Q extends QueueName> = (data: JobPayload<Q>, ctx: JobContext) => Promise<void>;

/** Stand-ins for some queues' handlers (tests, benches), typed by the same payloads as the real ones. */
export type HandlerOverrides = { readonly [Q in QueueName]?: JobHandler<Q> };

/**
 * Identity helper that types a handler by its queue.
 * @example export default defineHandler('lead.score', async (data, { runtime, lane }) => {...})
 */
export function defineHandler<Q extends QueueName>(_queue: Q, handler: JobHandler<Q>): JobHandler<Q> {
  return handler;
}
