import type { ClusterStatus } from '../../../core/ops/cluster-status.ts';
import { QUEUE_NAMES } from '../../../jobs/catalogue.ts';
import type { Executor } from '../../client.ts';
import { deadLettersByQueue } from '../../queries/status/dead-letters-by-queue.ts';
import { inboundEventsLastMinute } from '../../queries/status/inbound-last-minute.ts';
import { oldestWaitingJobs } from '../../queries/status/oldest-waiting-jobs.ts';
import { queueDepths } from '../../queries/status/queue-depths.ts';
import { liveWorkerProcesses } from '../../queries/status/worker-processes.ts';

/**
 * The cluster as the database sees it: every process coordinates only through PostgreSQL, so any of them (or a
 * CLI on the side) reads the same answer. `liveWithinSeconds`: how recent a worker's heartbeat must be.
 * @example const status = await readClusterStatus(runtime.db, { liveWithinSeconds: 30 })
 */
export async function readClusterStatus(db: Executor, input: { liveWithinSeconds: number }): Promise<ClusterStatus> {
  const depths = await queueDepths(db, QUEUE_NAMES);
  const oldest = await oldestWaitingJobs(db, QUEUE_NAMES);
  const processes = await liveWorkerProcesses(db, input.liveWithinSeconds);
  const byQueue = await deadLettersByQueue(db);
  const lastMinute = await inboundEventsLastMinute(db);
  const ages = [...oldest.values()];
  return {
    queues: depths.map((d) => ({ ...d, oldestWaitingSeconds: oldest.get(d.name) ?? null })),
    oldestWaitingSeconds: ages.length ? Math.max(...ages) : null,
    workers: {
      live: processes.length,
      processes: processes.map((p) => ({
        host: p.host,
        pid: p.pid,
        concurrency: p.concurrency,
        startedAt: p.startedAt.toISOString(),
        seenAt: p.seenAt.toISOString(),
      })),
    },
    deadLetters: { total: Object.values(byQueue).reduce((a, b) => a + b, 0), byQueue },
    ingest: { lastMinute, perSecond: Math.round((lastMinute / 60) * 100) / 100 },
  };
}
