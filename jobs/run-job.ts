import type { Job } from 'pg-boss';
import { laneOfPriority } from '../core/inbound/job-lane.ts';
import { jobByName, type QueueName } from './catalogue.ts';
import type { HandlerOverrides } from './handler.ts';
import type { Runtime } from './runtime.ts';

/**
 * What running a job needs of the row pg-boss handed out (`work` or `fetch`). `priority` comes with
 * `includeMetadata: true`; a job fetched without it runs in the bulk lane.
 */
export type ClaimedJob = Pick<Job<unknown>, 'id' | 'retryCount' | 'signal' | 'data'> & { priority?: number };

/**
 * Runs one claimed job the way every worker does: the payload re-validated against the catalogue
 * schema (a malformed job fails loudly and dead-letters instead of half-running), the catalogue's
 * handler or its stand-in from `handlers`, outcome and duration metrics. Rethrows the handler's
 * error so the caller fails the job and pg-boss retries it on the queue's policy.
 * @example await boss.work('lead.score', ([job]) => runJob(runtime, 'lead.score', job))
 */
export async function runJob(
  runtime: Runtime,
  name: QueueName,
  job: ClaimedJob,
  handlers?: HandlerOverrides,
): Promise<void> {
  const started = performance.now();
  try {
    const priority = job.priority ?? 0;
    const claimed = { id: job.id, retryCount: job.retryCount, signal: job.signal, priority };
    await jobByName(name).run(job.data, { runtime, job: claimed, lane: laneOfPriority(priority) }, handlers);
    runtime.metrics.jobOutcomes.inc({ queue: name, outcome: 'completed' });
  } catch (error) {
    runtime.metrics.jobOutcomes.inc({ queue: name, outcome: 'failed' });
    runtime.logger
      .child({ queue: name, jobId: job.id, attempt: job.retryCount })
      .warn({ err: error }, 'job failed; pg-boss will retry with backoff or dead-letter it');
    throw error;
  } finally {
    runtime.metrics.jobDuration.observe({ queue: name }, (performance.now() - started) / 1000);
  }
}
