import { jobByName, QUEUE_NAMES, type QueueName } from './catalogue.ts';
import type { HandlerOverrides } from './handler.ts';
import { LANE_PRIORITY } from '../core/inbound/job-lane.ts';
import { runJob, type ClaimedJob } from './run-job.ts';
import type { Runtime } from './runtime.ts';

export interface WorkerOptions {
  /** Only these queues (default: every queue in the catalogue). */
  queues?: readonly QueueName[];
  /** Register cron schedules (one process per deployment should; pg-boss dedupes anyway). */
  schedules?: boolean;
  /** Replace handlers for some queues. */
  handlers?: HandlerOverrides;
}

/** Starts one pg-boss worker per queue; each job goes through `runJob` (jobs/run-job.ts). */
export async function startWorkers(
  runtime: Runtime,
  options: WorkerOptions = {},
): Promise<{ stop(timeoutMs?: number): Promise<void> }> {
  const { boss } = runtime.queue;
  const names = options.queues ?? QUEUE_NAMES;
  for (const name of names) {
    const { policy } = jobByName(name);
    const concurrency = policy.concurrency ?? 1;
    const common = {
      batchSize: 1,
      // The job's priority is its lane (core/inbound/job-lane.ts): handlers enqueue follow-ups in it.
      includeMetadata: true,
      ...(policy.groupConcurrency ? { groupConcurrency: policy.groupConcurrency } : {}),
      // NOTIFY wakes us for new jobs at once; retries and deferred jobs become due without a
      // NOTIFY, so the backstop poll must stay short (pg-boss defaults it to 30 s).
      pollingIntervalSeconds: 1,
      notifyPollingIntervalSeconds: 1,
    };
    const run = async ([job]: ClaimedJob[]) => {
      await runJob(runtime, name, job, options.handlers);
      // The next job of this job's group becomes fetchable when pg-boss completes this one, and that
      // sends no NOTIFY: marking the queue's workers woken makes the one finishing fetch again at once
      // (an agent's second alert, a contact's next event) instead of after its poll.
      if (policy.groupConcurrency) for (const w of boss.getWipData()) if (w.name === name) boss.notifyWorker(w.id);
    };
    const bulk = policy.bulkConcurrency;
    if (bulk === undefined || bulk >= concurrency) {
      await boss.work(name, { ...common, localConcurrency: concurrency }, run);
      continue;
    }
    // Two pools on one queue: the fast lane's slots, and a few for bulk work, so a bulk backlog never
    // holds more than a few database connections and a lead's message finds one free. While the queue
    // monitor reports a backlog, the bulk pool fetches again without its poll pause (no NOTIFY comes
    // while a backlog drains), so its few slots keep up.
    await boss.work(name, { ...common, localConcurrency: concurrency, minPriority: LANE_PRIORITY.fast }, run);
    await boss.work(
      name,
      { ...common, localConcurrency: bulk, maxPriority: LANE_PRIORITY.fast - 1, burstWhenReadyExceeds: 1 },
      run,
    );
  }
  if (options.schedules ?? true) {
    for (const name of names) {
      const { policy } = jobByName(name);
      if (policy.cron) await boss.schedule(name, policy.cron, {}, { tz: 'UTC' });
    }
    if (names.includes('digest.send')) {
      // Lead digests: daily at 14:00 UTC (morning in US zones), weekly on Monday.
      await boss.schedule('digest.send', '0 14 * * *', { frequency: 'daily' }, { tz: 'UTC', key: 'daily' });
      await boss.schedule('digest.send', '0 14 * * 1', { frequency: 'weekly' }, { tz: 'UTC', key: 'weekly' });
    }
  }
  return {
    async stop(timeoutMs = 30_000) {
      // offWork with wait lets in-flight jobs finish; new fetches stop immediately.
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.all(names.map((n) => boss.offWork(n, { wait: true }))),
        new Promise((r) => {
          timer = setTimeout(r, timeoutMs);
        }),
      ]);
      clearTimeout(timer);
    },
  };
}
