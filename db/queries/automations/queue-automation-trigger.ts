import type { TriggerOccurrence } from '../../../core/automations/automation-trigger.ts';
import { LANE_PRIORITY, type Lane } from '../../../core/inbound/job-lane.ts';
import type { JobQueue } from '../../../jobs/queue.ts';
import type { Tx } from '../../client.ts';
import { hasEnabledRulesFor } from './automation-rules.ts';

/**
 * Queues `automation.trigger` for what just happened to a lead, in the caller's transaction (the event and the
 * trigger commit together). A team with no enabled rule for this event queues nothing: the hot path pays one
 * indexed lookup, not a job.
 * @example await queueAutomationTrigger(tx, queue, { tenantId, leadId, trigger: { event: 'lead_created', ... } })
 */
export async function queueAutomationTrigger(
  tx: Tx,
  queue: JobQueue,
  input: { tenantId: string; leadId: string; trigger: TriggerOccurrence; lane?: Lane },
): Promise<boolean> {
  if (!(await hasEnabledRulesFor(tx, input.tenantId, input.trigger.event))) return false;
  await queue.enqueue(
    'automation.trigger',
    { tenantId: input.tenantId, leadId: input.leadId, trigger: input.trigger as Record<string, unknown> },
    { tx, priority: LANE_PRIORITY[input.lane ?? 'fast'] },
  );
  return true;
}
