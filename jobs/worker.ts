import { jobByName, QUEUE_NAMES, type QueueName } from './catalogue.ts';
import type { HandlerOverrides } from './handler.ts';
import { LANE_PRIORITY, laneOfPriority } from '../core/inbound/job-lane.ts';
import { runJob, type ClaimedJob } from './run-job.ts';
import type { Runtime } from './runtime.ts';
import { DEFAULT_CONCURRENCY, queueSlots } from './worker-concurrency.ts';
import { registerWorkerProcess } from './worker-registry.ts';
import { listenForJobWakes, wakeBusyWorkers, wakeWorkers } from './job-wakeups.ts';

/** A slot other than its pool's sentinel polls this seldom: a backstop for a wake-up lost with its connection. */
const SLEEPER_POLL_SECONDS = 30;

/** A retry, or a job queued to start later (`includeMetadata` gives the times); no wake-up announced either. */
function becameDueUnannounced(job: ClaimedJob & { startAfter?: Date; createdOn?: Date }): boolean {
  if (job.retryCount > 0) return true;
  return !!job.startAfter && !!job.createdOn && job.startAfter.getTime() - job.createdOn.getTime() > 1_000;
}

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
  const gate = runtime.laneGate;
  for (const name of names) {
    const { policy } = jobByName(name);
    const { slots, bulkSlots } = queueSlots(policy, options.concurrency);
    const common = {
      batchSize: 1,
      // The job's priority is its lane (core/inbound/job-lane.ts): handlers enqueue follow-ups in it.
      includeMetadata: true,
      ...(policy.groupConcurrency ? { groupConcurrency: policy.groupConcurrency } : {}),
      // pg-boss pauses a slot for its poll interval after every fetch, even one that brought a job, unless woken
      // meanwhile. A backlog (after an outage, or stored faster than it drains) wakes nobody, so each slot would
      // run one job per poll. While fetches bring jobs and the queue monitor counts more than one ready, a slot
      // fetches again at once (pg-boss's lowest threshold); the first empty fetch falls back to polling.
      burstWhenReadyExceeds: 1,
    };
    const run = async ([job]: ClaimedJob[]) => {
      // A slot that found work wakes one more, which does the same while it finds more, when more may be waiting
      // unannounced: retries and deferred jobs come due without a wake-up, and a bulk backlog outlasts the wake-ups
      // of its enqueues (a fast job is always announced, and its lane stays quiet).
      const lane = laneOfPriority(job.priority);
      if (lane === 'bulk' || becameDueUnannounced(job))
        wakeWorkers(boss, name, lane === 'fast' ? { fast: 1, bulk: 0 } : { fast: 0, bulk: 1 });
      if (lane === 'bulk') await gate.bulkTurn();
      const ended = lane === 'fast' ? gate.fastJob() : () => {};
      try {
        await runJob(runtime, name, job, options.handlers);
      } finally {
        ended();
      }
      // The next job of this job's group becomes fetchable when pg-boss completes this one, and that
      // sends no NOTIFY: the one finishing fetches again at once (an agent's second alert, a contact's next
      // event) instead of after its poll.
      if (policy.groupConcurrency) wakeBusyWorkers(boss, name);
    };
    const pool = async (slotCount: number, lane: { minPriority?: number; maxPriority?: number }) => {
      // New jobs wake the slots they need (jobs/job-wakeups.ts). Only retries and deferred jobs become due
      // unannounced: one sentinel slot polls every second for them, the others sleep until woken, so an idle
      // process costs a few queries a second instead of one per slot.
      await boss.work(name, { ...common, ...lane, localConcurrency: 1, pollingIntervalSeconds: 1 }, run);
      if (slotCount > 1)
        await boss.work(
          name,
          { ...common, ...lane, localConcurrency: slotCount - 1, pollingIntervalSeconds: SLEEPER_POLL_SECONDS },
          run,
        );
    };
    if (bulkSlots === undefined || bulkSlots >= slots) {
      await pool(slots, {});
      continue;
    }
    // Two pools on one queue: the fast lane's slots, and a few for bulk work, so a bulk backlog never
    // holds more than a few database connections and a lead's message finds one free.
    await pool(slots, { minPriority: LANE_PRIORITY.fast });
    await pool(bulkSlots, { maxPriority: LANE_PRIORITY.fast - 1 });
  }
  if (options.schedules ?? true) await scheduleCrons(runtime, names);
  const wakeups = await listenForJobWakes(runtime.database, boss, {
    onError: (error) => runtime.logger.warn({ err: error }, 'job wake-up listener lost; reconnecting'),
  });
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
      await wakeups.close();
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
