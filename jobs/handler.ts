import type { Job } from 'pg-boss';
import type { JobPayload, QueueName } from './catalogue.ts';
import type { Runtime } from './runtime.ts';

export interface JobContext {
  runtime: Runtime;
  job: Pick<Job, 'id' | 'retryCount' | 'signal'>;
}

export type JobHandler<Q extends QueueName> = (data: JobPayload<Q>, ctx: JobContext) => Promise<void>;

/** Stand-ins for some queues' handlers (tests, benches), typed by the same payloads as the real ones. */
export type HandlerOverrides = { readonly [Q in QueueName]?: JobHandler<Q> };

/**
 * Identity helper that types a handler by its queue.
 * @example export default defineHandler('lead.score', async (data, { runtime }) => {...})
 */
export function defineHandler<Q extends QueueName>(_queue: Q, handler: JobHandler<Q>): JobHandler<Q> {
  return handler;
}
