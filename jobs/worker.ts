import { jobByName, QUEUE_NAMES, type QueueName } from './catalogue.ts';
import type { HandlerOverrides } from './handler.ts';
import { runJob } from './run-job.ts';
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
    await boss.work(
      name,
      {
        batchSize: 1,
        localConcurrency: policy.concurrency ?? 1,
        ...(policy.groupConcurrency ? { groupConcurrency: policy.groupConcurrency } : {}),
        // NOTIFY wakes us for new jobs at once; retries and deferred jobs become due without a
        // NOTIFY, so the backstop poll must stay short (pg-boss defaults it to 30 s).
        pollingIntervalSeconds: 1,
        notifyPollingIntervalSeconds: 1,
      },
      ([job]) => runJob(runtime, name, job, options.handlers),
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
