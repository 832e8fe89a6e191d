import type { PgBoss } from 'pg-boss';
import { QUEUES, QUEUE_NAMES, type QueueName } from './registry.ts';
import { HANDLERS } from './handlers/index.ts';
import type { JobHandler } from './handler.ts';
import type { Runtime } from './runtime.ts';

export interface WorkerOptions {
  /** Only these queues (default: every queue with a handler). */
  queues?: QueueName[];
  /** Register cron schedules (one process per deployment should; pg-boss dedupes anyway). */
  schedules?: boolean;
  /** Replace handlers for some queues. */
  handlers?: Partial<Record<QueueName, JobHandler<never>>>;
}

/**
 * Starts one pg-boss worker per queue. Each job's payload is re-validated against the registry
 * schema, so a malformed job fails loudly (and dead-letters) instead of half-running.
 */
export async function startWorkers(
  runtime: Runtime,
  options: WorkerOptions = {},
): Promise<{ stop(timeoutMs?: number): Promise<void> }> {
  const boss: PgBoss = runtime.queue.boss;
  const names = (options.queues ?? QUEUE_NAMES).filter((q) => HANDLERS[q] || options.handlers?.[q]);
  for (const name of names) {
    const { schema, policy } = QUEUES[name];
    const handler = (options.handlers?.[name] ?? (await HANDLERS[name]!()).default) as unknown as JobHandler<
      typeof name
    >;
    await boss.work(
      name,
      {
        batchSize: 1,
        localConcurrency: policy.concurrency ?? 1,
        // NOTIFY wakes us for new jobs at once; retries and deferred jobs become due without a
        // NOTIFY, so the backstop poll must stay short (pg-boss defaults it to 30 s).
        pollingIntervalSeconds: 1,
        notifyPollingIntervalSeconds: 1,
      },
      async ([job]) => {
        const started = performance.now();
        const log = runtime.logger.child({ queue: name, jobId: job.id, attempt: job.retryCount });
        try {
          const data = schema.parse(job.data) as never;
          await handler(data, { runtime, job });
          runtime.metrics.jobOutcomes.inc({ queue: name, outcome: 'completed' });
        } catch (error) {
          runtime.metrics.jobOutcomes.inc({ queue: name, outcome: 'failed' });
          log.warn({ err: error }, 'job failed; pg-boss will retry with backoff or dead-letter it');
          throw error;
        } finally {
          runtime.metrics.jobDuration.observe({ queue: name }, (performance.now() - started) / 1000);
        }
      },
    );
  }
  if (options.schedules ?? true) {
    for (const name of names) {
      const { policy } = QUEUES[name];
      if ('cron' in policy && policy.cron) await boss.schedule(name, policy.cron, {}, { tz: 'UTC' });
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
