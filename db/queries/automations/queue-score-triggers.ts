import type { Lane } from '../../../core/inbound/job-lane.ts';
import type { JobQueue } from '../../../jobs/queue.ts';
import type { Tx } from '../../client.ts';
import { queueAutomationTrigger } from './queue-automation-trigger.ts';

/**
 * What a re-score means to automations, queued with the score it came from: her temperature entering a band
 * (`score_crossed`) and each signal it found (`signal_raised`). The score's time names each occurrence.
 */
export async function queueScoreTriggers(
  tx: Tx,
  queue: JobQueue,
  input: {
    tenantId: string;
    leadId: string;
    from: string | null;
    to: string | null;
    signals: string[];
    at: Date;
    lane: Lane;
  },
): Promise<void> {
  const at = input.at.toISOString();
  const base = { tenantId: input.tenantId, leadId: input.leadId, lane: input.lane };
  if (input.to && input.to !== input.from)
    await queueAutomationTrigger(tx, queue, {
      ...base,
      trigger: { event: 'score_crossed', occurrence: `score_crossed:${input.to}:${at}`, at, band: input.to },
    });
  for (const signal of new Set(input.signals))
    await queueAutomationTrigger(tx, queue, {
      ...base,
      trigger: { event: 'signal_raised', occurrence: `signal_raised:${signal}:${at}`, at, signal },
    });
}
