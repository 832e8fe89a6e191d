import { LANE_PRIORITY, type Lane } from '../../../core/inbound/job-lane.ts';
import type { JobQueue } from '../../../jobs/queue.ts';
import type { Db } from '../../client.ts';
import type { RecordInboundEventInput } from '../../queries/inbound-events.ts';
import { promoteQueuedGroups } from '../../queries/inbound/promote-queued-group.ts';
import { recordInboundEvents, type RecordedInboundEvent } from '../../queries/inbound/record-inbound-events.ts';

/** Queues whose job is "process stored inbound event <id>". */
export type InboundQueue = 'ghl.event' | 'sms.inbound' | 'sms.status' | 'email.event' | 'chat.action';

/** One inbound event to store and, when it is new and accepted, the job that processes it. */
export interface InboundWrite {
  event: RecordInboundEventInput;
  job?: {
    queue: InboundQueue;
    lane: Lane;
    /**
     * The pg-boss group (one contact's events) that keeps events of one contact in order: the queue runs one job
     * per group at a time, and a fast event lifts its group's waiting events into its lane.
     */
    group?: string;
  };
}

type QueuedJob = { data: { inboundEventId: string }; priority?: number; group?: { id: string } };

/**
 * Stores a batch of inbound events and their jobs in ONE transaction: one multi-row INSERT with dedupe, one job
 * insert per queue, one commit (and so one NOTIFY wake-up per queue). All or nothing: a caller answering a sender
 * from this result answers only after the commit.
 * @example const [stored] = await writeInboundBatch({ db, queue }, [{ event, job: { queue: 'ghl.event', lane } }])
 */
export async function writeInboundBatch(
  deps: { db: Db; queue: JobQueue },
  writes: readonly InboundWrite[],
): Promise<RecordedInboundEvent[]> {
  return deps.db.transaction(async (tx) => {
    // The group orders the jobs' claims; the order key orders the applying itself, across worker processes.
    const recorded = await recordInboundEvents(
      tx,
      writes.map((w) => (w.job?.group ? { ...w.event, orderKey: w.job.group } : w.event)),
    );
    const jobs = new Map<InboundQueue, QueuedJob[]>();
    const lifted = new Map<InboundQueue, Set<string>>();
    writes.forEach(({ event, job }, i) => {
      if (!job || recorded[i].duplicate || event.status !== 'accepted') return;
      const priority = LANE_PRIORITY[job.lane];
      jobs.set(job.queue, [
        ...(jobs.get(job.queue) ?? []),
        { data: { inboundEventId: recorded[i].id }, priority, ...(job.group ? { group: { id: job.group } } : {}) },
      ]);
      if (job.group && job.lane === 'fast') lifted.set(job.queue, (lifted.get(job.queue) ?? new Set()).add(job.group));
    });
    for (const [queue, groups] of lifted)
      await promoteQueuedGroups(tx, { queue, groupIds: [...groups], priority: LANE_PRIORITY.fast });
    for (const [queue, items] of jobs) await deps.queue.enqueueEach(queue, items, { tx });
    return recorded;
  });
}
