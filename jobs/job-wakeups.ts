import type { PgBoss, WipData } from 'pg-boss';
import { LANE_PRIORITY } from '../core/inbound/job-lane.ts';
import type { Database } from '../db/client.ts';
import { listenTo, type Listener } from '../db/listen.ts';
import { JOB_WAKE_CHANNEL, readWakeMessage } from './queue.ts';

/**
 * New jobs wake as many idle workers as there are jobs, not every worker of the queue.
 *
 * pg-boss's own NOTIFY names only the queue and wakes all of its workers: with eight to ten slots a queue, each
 * job of a lead's message (event, facts, score, route, deliver) set ten fetches racing for one row, and nine of
 * them came back empty while taking the pool connections and the CPU the tenth needed. Our enqueue says how many
 * jobs of each lane it queued (jobs/queue.ts), and each process wakes that many of its own workers that can take
 * them, idle ones first; a busy one woken picks the job up the moment it is free.
 */
export function wakeWorkers(boss: PgBoss, queue: string, jobs: { fast: number; bulk: number }): void {
  const workers = boss.getWipData().filter((w) => w.name === queue && w.state === 'active');
  wakeSome(boss, workers, LANE_PRIORITY.fast, jobs.fast);
  wakeSome(boss, workers, LANE_PRIORITY.bulk, jobs.bulk);
}

let turn = 0;

function wakeSome(boss: PgBoss, workers: readonly WipData[], priority: number, count: number): void {
  if (count <= 0) return;
  const able = workers.filter((w) => takesPriority(w, priority));
  if (able.length === 0) return;
  // Start at a different worker each time so one slot does not do all the quiet-time work.
  const start = turn++ % able.length;
  const rotated = [...able.slice(start), ...able.slice(0, start)];
  const idleFirst = [...rotated.filter((w) => w.count === 0), ...rotated.filter((w) => w.count > 0)];
  for (const worker of idleFirst.slice(0, count)) boss.notifyWorker(worker.id);
}

function takesPriority(worker: WipData, priority: number): boolean {
  const { minPriority, maxPriority } = worker.options as { minPriority?: number; maxPriority?: number };
  return (
    (minPriority === undefined || priority >= minPriority) && (maxPriority === undefined || priority <= maxPriority)
  );
}

/**
 * After a job of a grouped queue, its group's next job can be fetched; pg-boss sends no NOTIFY for that. The
 * workers holding a job right now (the one finishing among them) fetch again as soon as they are done, instead of
 * after their poll; idle ones are left asleep.
 */
export function wakeBusyWorkers(boss: PgBoss, queue: string): void {
  for (const worker of boss.getWipData()) if (worker.name === queue && worker.count > 0) boss.notifyWorker(worker.id);
}

/**
 * Listens for wake messages on the database. A lost connection may have dropped some: every worker then fetches
 * once (what pg-boss does after its own listener reconnects).
 */
export function listenForJobWakes(
  database: Database,
  boss: PgBoss,
  options: { onError?: (error: Error) => void } = {},
): Promise<Listener> {
  return listenTo(
    database,
    JOB_WAKE_CHANNEL,
    (payload) => {
      const message = readWakeMessage(payload);
      if (message) wakeWorkers(boss, message.queue, message);
    },
    {
      onResync: () => {
        for (const worker of boss.getWipData()) boss.notifyWorker(worker.id);
      },
      onError: options.onError,
    },
  );
}
