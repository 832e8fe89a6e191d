import { jobByName, QUEUE_NAMES, type QueueName } from './catalogue.ts';
import type { HandlerOverrides } from './handler.ts';
import { LANE_PRIORITY } from '../core/inbound/job-lane.ts';
import { runJob, type ClaimedJob } from './run-job.ts';
import type { Runtime } from './runtime.ts';
import { DEFAULT_CONCURRENCY, queueSlots } from './worker-concurrency.ts';
import { registerWorkerProcess } from './worker-registry.ts';

export interface WorkerOptions {
  /** Only these queues (default: every queue in the catalogue). */
  queues?: readonly QueueName[];
  /** Register cron schedules (one process per deployment should; pg-boss dedupes anyway). */
  schedules?: boolean;
  /** Replace handlers for some queues. */
  handlers?: HandlerOverrides;
  /** Job slots per busy queue (`porchlight work --concurrency`); every queue scales from the catalogue's. */
  concurrency?: number;
}

/**
 * Starts one pg-boss worker per queue; each job goes through `runJob` (jobs/run-job.ts). The process heart-beats
 * a row of its own while it runs, so `porchlight status` can count the live worker processes.
 */
export async function startWorkers(
  runtime: Runtime,
  options: WorkerOptions = {},
): Promise<{ stop(timeoutMs?: number): Promise<void> }> {
  const { boss } = runtime.queue;
  const names = options.queues ?? QUEUE_NAMES;
  const registration = await registerWorkerProcess(runtime, {
    concurrency: options.concurrency ?? DEFAULT_CONCURRENCY,
  });
  for (const name of names) {
    const { policy } = jobByName(name);
    const { slots, bulkSlots } = queueSlots(policy, options.concurrency);
    const common = {
      batchSize: 1,
      // The job's priority is its lane (core/inbound/job-lane.ts): handlers enqueue follow-ups in it.
      includeMetadata: true,
      ...(policy.groupConcurrency ? { groupConcurrency: policy.groupConcurrency } : {}),
      // NOTIFY wakes us for new jobs at once; retries and deferred jobs become due without a
      // NOTIFY, so the backstop poll must stay short (pg-boss defaults it to 30 s).
      pollingIntervalSeconds: 1,
      notifyPollingIntervalSeconds: 1,
      // pg-boss pauses a slot for its poll interval after every fetch, even one that brought a job, unless a NOTIFY
      // came meanwhile. A backlog (after an outage, or stored faster than it drains) sends no NOTIFY, so each slot
      // would run one job a second. While fetches bring jobs and the queue monitor counts more than one ready, a
      // slot fetches again at once (pg-boss's lowest threshold); the first empty fetch falls back to polling.
      burstWhenReadyExceeds: 1,
    };
    const run = async ([job]: ClaimedJob[]) => {
      await runJob(runtime, name, job, options.handlers);
      // The next job of this job's group becomes fetchable when pg-boss completes this one, and that
      // sends no NOTIFY: marking the queue's workers woken makes the one finishing fetch again at once
      // (an agent's second alert, a contact's next event) instead of after its poll.
      if (policy.groupConcurrency) for (const w of boss.getWipData()) if (w.name === name) boss.notifyWorker(w.id);
    };
    if (bulkSlots === undefined || bulkSlots >= slots) {
      await boss.work(name, { ...common, localConcurrency: slots }, run);
      continue;
    }
    // Two pools on one queue: the fast lane's slots, and a few for bulk work, so a bulk backlog never
    // holds more than a few database connections and a lead's message finds one free.
    await boss.work(name, { ...common, localConcurrency: slots, minPriority: LANE_PRIORITY.fast }, run);
    await boss.work(name, { ...common, localConcurrency: bulkSlots, maxPriority: LANE_PRIORITY.fast - 1 }, run);
  }
  if (options.schedules ?? true) await scheduleCrons(runtime, names);
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
      await registration.stop();
    },
  };
}

/**
 * The catalogue's cron schedules, stored in pg-boss. Every worker process stores them (the same rows again); pg-boss
 * sends each occurrence once for the whole cluster (one process claims each cron pass, and a tick's job is a
 * singleton of its minute).
 */
export async function scheduleCrons(runtime: Pick<Runtime, 'queue'>, names: readonly QueueName[] = QUEUE_NAMES) {
  const { boss } = runtime.queue;
  for (const name of names) {
    const { policy } = jobByName(name);
    if (policy.cron) await boss.schedule(name, policy.cron, {}, { tz: 'UTC' });
  }
  if (names.includes('digest.send')) {
    // Lead digests: every quarter hour, each lead's in her own 08:00–10:00 (weekly: her Monday), once per her
    // day. A quarter hour meets 08:00 in every zone; the same keys replace the old fixed-hour schedules.
    await boss.schedule('digest.send', '*/15 * * * *', { frequency: 'daily' }, { tz: 'UTC', key: 'daily' });
    await boss.schedule('digest.send', '*/15 * * * *', { frequency: 'weekly' }, { tz: 'UTC', key: 'weekly' });
  }
}
