import { maskText } from '../../core/observability/mask.ts';
import { sendDelivery } from '../../bots/deliveries/send-delivery.ts';
import { defineHandler } from '../handler.ts';
import { jobByName } from '../catalogue.ts';

/** A transient provider failure: pg-boss retries the job with backoff, the row keeps the error. */
export class TransientDeliveryError extends Error {}

/**
 * Sends one delivery exactly once (alert copies, digests, and any message planned with a job).
 * pg-boss runs one job per delivery and retries it only after its previous attempt failed or its
 * worker stopped heart-beating, so a row this job finds `sending` is that dead attempt's: no lease
 * to wait out (`leaseMs: 0`), and the channel is asked whether it got through before sending again.
 */
export default defineHandler('alert.deliver', async ({ tenantId, deliveryId }, { runtime, job }) => {
  const lastAttempt = job.retryCount >= jobByName('alert.deliver').policy.retryLimit;
  const outcome = await sendDelivery(runtime, { tenantId, deliveryId }, { leaseMs: 0, lastAttempt });
  // Thrown on the last attempt too, so a delivery that never got through lands in the dead-letter queue
  // (`porchlight dlq replay` sends it again); a permanent refusal settles `failed` and completes the job.
  if (outcome.status === 'settled' && outcome.retryable && outcome.result.status === 'failed')
    throw new TransientDeliveryError(maskText(outcome.result.error));
});
