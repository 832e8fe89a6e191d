import type { JobQueue } from '../../../jobs/queue.ts';
import type { Executor } from '../../client.ts';
import { deliveryByKey, type DeliveryRow } from '../../queries/deliveries/get-delivery.ts';
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
  /** The lead's local date: it names the digest, so she gets at most one of each cadence per day. */
  day: string;
}

/**
 * One lead's daily or weekly digest email: its matches marked carried, the message stored and its
 * `sms.send` job (which sends either channel) queued, in one transaction. A rerun (pg-boss retry, the
 * next quarter-hour of her morning) finds the matches carried or her digest of the day already queued,
 * and sends nothing; matches that came in since wait for tomorrow's. A crash or a provider outage after
 * the commit is the job's to retry. Null when nothing was queued.
 * @example await queueLeadDigest({ db, queue }, { tenantId, lead, frequency: 'daily', matchIds, email, now, day })
 */
export async function queueLeadDigest(
  deps: { db: Executor; queue: JobQueue },
  input: QueueLeadDigestInput,
): Promise<DeliveryRow | null> {
  const { tenantId, lead, frequency, now } = input;
  const idempotencyKey = `digest:${frequency}:${lead.id}:${input.day}`;
  return deps.db.transaction(async (tx) => {
    if (await deliveryByKey(tx, idempotencyKey)) return null;
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
      idempotencyKey,
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
