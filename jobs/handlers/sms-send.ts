import { maskText } from '../../core/observability/mask.ts';
import { SENDING_LEASE_MS } from '../../db/use-cases/deliveries/claim-delivery.ts';
import { sendDelivery } from '../../bots/deliveries/send-delivery.ts';
import { defineHandler } from '../handler.ts';
import { jobByName } from '../catalogue.ts';

/**
 * Sends a lead message that was queued, deferred by quiet hours or failed for now. Everything is
 * re-checked at send time: a STOP that arrived overnight wins, and if the clock is still outside
 * the window it defers again. A transient provider failure throws so pg-boss retries with backoff.
 */
export default defineHandler('sms.send', async ({ tenantId, deliveryId }, { runtime, job }) => {
  const lastAttempt = job.retryCount >= jobByName('sms.send').policy.retryLimit;
  const outcome = await sendDelivery(runtime, { tenantId, deliveryId }, { leaseMs: SENDING_LEASE_MS, lastAttempt });
  // The last attempt throws too: the job dead-letters and `porchlight dlq replay` can send it again.
  if (outcome.status === 'settled' && outcome.retryable && outcome.result.status === 'failed')
    throw new Error(`send failed: ${maskText(outcome.result.error)}`);
  // Another attempt holds the row (or died holding it): retry after its lease rather than complete
  // a job whose message may never have left.
  if (outcome.status === 'skipped' && outcome.reason === 'busy')
    throw new Error('message is mid-send elsewhere; retrying after its lease');
});
