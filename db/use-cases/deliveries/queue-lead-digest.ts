import type { JobQueue } from '../../../jobs/queue.ts';
import type { Executor } from '../../client.ts';
import type { DeliveryRow } from '../../queries/deliveries/get-delivery.ts';
import { queueLeadMessage } from '../../queries/deliveries/lead-messages.ts';
import type { Lead } from '../../queries/leads.ts';
import { markDigested } from '../../queries/messaging/lead-digest-matches.ts';
import { LANE_PRIORITY } from '../../../core/inbound/job-lane.ts';

export interface QueueLeadDigestInput {
  tenantId: string;
  lead: Pick<Lead, 'id' | 'phone' | 'email'>;
  frequency: 'daily' | 'weekly';
  /** Every match this digest carries, shown or not: all of them count as carried. */
  matchIds: string[];
  email: { subject: string; html: string; text: string };
  now: Date;
}

/**
 * One lead's daily or weekly digest email: its matches marked carried, the message stored and its
 * `sms.send` job (which sends either channel) queued, in one transaction. A rerun of the hour
 * (pg-boss retry, two schedulers) finds the matches carried and sends each match once; a crash or
 * a provider outage after the commit is the job's to retry.
 * @example await queueLeadDigest({ db, queue }, { tenantId, lead, frequency: 'daily', matchIds, email, now })
 */
export async function queueLeadDigest(
  deps: { db: Executor; queue: JobQueue },
  input: QueueLeadDigestInput,
): Promise<DeliveryRow | null> {
  const { tenantId, lead, frequency, now } = input;
  return deps.db.transaction(async (tx) => {
    await markDigested(tx, {
      tenantId,
      leadId: lead.id,
      matchIds: input.matchIds,
      reason: `${frequency} digest`,
      at: now,
    });
    const row = await queueLeadMessage(tx, {
      tenantId,
      lead,
      channel: 'email',
      purpose: 'digest',
      automated: true,
      idempotencyKey: `digest:${frequency}:${lead.id}:${now.toISOString()}`,
      subject: input.email.subject,
      html: input.email.html,
      body: input.email.text,
    });
    // A digest is bulk: it never gets ahead of a reply to a lead who just wrote.
    if (row)
      await deps.queue.enqueue('sms.send', { tenantId, deliveryId: row.id }, { tx, priority: LANE_PRIORITY.bulk });
    return row;
  });
}
