import type { QueueName } from '../../jobs/catalogue.ts';
import type { HandlerOverrides } from '../../jobs/handler.ts';
import { runJob } from '../../jobs/run-job.ts';
import type { Runtime } from '../../jobs/runtime.ts';

/**
 * Runs the due jobs of these queues until none are left, through the worker's own `runJob`
 * (payload re-validated, the catalogue's handler, metrics): the whole pipeline, in order, with no
 * polling and no timing. Jobs are claimed with pg-boss `fetch` and settled like the worker does: a
 * job whose handler throws is failed (so pg-boss schedules its retry or dead-letters it) and the
 * error is rethrown to the test. Deferred jobs and retries wait until they are due.
 * @example await drainJobs(rt, ['listing.changed', 'listing.match']) // { 'listing.changed': 1, ... }
 */
export async function drainJobs(
  runtime: Runtime,
  queues: readonly QueueName[],
  options: { handlers?: HandlerOverrides } = {},
): Promise<Partial<Record<QueueName, number>>> {
  const { boss } = runtime.queue;
  const ran: Partial<Record<QueueName, number>> = {};
  for (let busy = true; busy; ) {
    busy = false;
    for (const queue of queues) {
      // One at a time, as the worker claims them, so a failure leaves no other job claimed.
      // With its priority, as the worker fetches it: the job's lane decides its follow-ups' lane.
      const fetch = () => boss.fetch(queue, { includeMetadata: true });
      for (let [job] = await fetch(); job; [job] = await fetch()) {
        busy = true;
        try {
          await runJob(runtime, queue, job, options.handlers);
        } catch (error) {
          await boss.fail(queue, job, error instanceof Error ? error : new Error(String(error)));
          throw error;
        }
        await boss.complete(queue, job);
        ran[queue] = (ran[queue] ?? 0) + 1;
      }
    }
  }
  return ran;
}
