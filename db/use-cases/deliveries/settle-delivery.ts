import { deliveryJobGroup, deliveryJobPriority } from '../../../core/alerts/delivery-job-priority.ts';
import type { DeliveryResult } from '../../../core/messaging/delivery-result.ts';
import { maskText } from '../../../core/observability/mask.ts';
import { observeAlertStage, type Metrics } from '../../../core/observability/metrics.ts';
import type { Clock } from '../../../core/time/clock.ts';
import type { JobQueue } from '../../../jobs/queue.ts';
import type { Executor } from '../../client.ts';
import { getAlert, type AlertRow } from '../../queries/alerts/get-alert.ts';
import { markAlertDelivered } from '../../queries/alerts/mark-alert-delivered.ts';
import { markDigestItemsSent, releaseDigestItems } from '../../queries/deliveries/agent-digests.ts';
import type { DeliveryRow } from '../../queries/deliveries/get-delivery.ts';
import { recordDeliveryOutcome } from '../../queries/deliveries/record-delivery-outcome.ts';

/**
 * Records what one send attempt came to, for every kind of message (alert copy, digest, lead
 * message, answer to an agent), in one transaction with what follows from it:
 * - sent: the provider's id and where the copy lives; a digest's items count as sent; an alert's first
 *   copy to the team stamps its `deliveredAt`;
 * - deferred: the row waits for `until` and a job to send it then is queued, at its alert's priority;
 * - failed: `failed` for good (a digest hands its items back to the next one), or back to
 *   `pending` for the job's retry when the failure may pass;
 * - suppressed: recorded with the reason, never retried.
 * @example await settleDelivery({ db, queue, clock }, delivery, { status: 'deferred', until })
 */
export async function settleDelivery(
  deps: { db: Executor; queue: JobQueue; clock: Clock; metrics?: Metrics },
  delivery: DeliveryRow,
  result: DeliveryResult,
): Promise<void> {
  const now = deps.clock.now();
  let firstDelivery: AlertRow | undefined;
  await deps.db.transaction(async (tx) => {
    switch (result.status) {
      case 'sent':
        await recordDeliveryOutcome(
          tx,
          delivery.id,
          {
            status: 'sent',
            providerMessageId: result.providerMessageId ?? null,
            ref: result.ref ?? null,
            error: null,
            sentAt: now,
          },
          now,
        );
        if (!delivery.alertId) await markDigestItemsSent(tx, delivery.id, now);
        // The alert's first copy to reach the team ends its speed to chat (a copy to the lead is not that).
        else if (delivery.recipientKind !== 'lead') firstDelivery = await markAlertDelivered(tx, delivery.alertId, now);
        return;
      case 'deferred': {
        await recordDeliveryOutcome(tx, delivery.id, { status: 'deferred', sendAfter: result.until, error: null }, now);
        // A copy held back (rate limit, quiet hours) keeps its alert's place in line when it is due again.
        const alert = delivery.alertId ? await getAlert(tx, delivery.tenantId, delivery.alertId) : undefined;
        // Lead messages have their own queue; agent copies go back to the one that planned them.
        const toLead = delivery.recipientKind === 'lead';
        await deps.queue.enqueue(
          toLead ? 'sms.send' : 'alert.deliver',
          { tenantId: delivery.tenantId, deliveryId: delivery.id },
          {
            tx,
            startAfter: result.until,
            priority: deliveryJobPriority(alert?.priority),
            ...(toLead ? {} : { group: deliveryJobGroup(delivery.channel, delivery.recipient) }),
          },
        );
        return;
      }
      case 'suppressed':
        await recordDeliveryOutcome(tx, delivery.id, { status: 'suppressed', error: maskText(result.reason) }, now);
        return;
      case 'failed':
        await recordDeliveryOutcome(
          tx,
          delivery.id,
          { status: result.permanent ? 'failed' : 'pending', error: maskText(result.error) },
          now,
        );
        if (result.permanent && !delivery.alertId) await releaseDigestItems(tx, delivery.id);
        return;
    }
  });
  if (firstDelivery)
    observeAlertStage(deps.metrics, 'delivered', { lane: 'fast', receivedAt: firstDelivery.receivedAt, at: now });
}
