import { AppError } from '../../core/errors/app-error.ts';
import { maskText } from '../../core/observability/mask.ts';
import { getDelivery } from '../../db/queries/deliveries/get-delivery.ts';
import { SENDING_LEASE_MS } from '../../db/use-cases/deliveries/claim-delivery.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { sendDelivery } from '../deliveries/send-delivery.ts';

export type ResendOutcome =
  | { status: 'sent'; providerMessageId: string | null }
  | { status: 'deferred'; until: Date }
  /** Failed in a way that may pass: the delivery is queued again and its job retries it. */
  | { status: 'queued'; error: string };

/**
 * `porchlight deliveries resend`: an operator's word that a message settled `uncertain` (it may or
 * may not have gone out before a crash) should be sent again, through the same pipeline (consent,
 * quiet hours, the provider). Only an `uncertain` delivery is taken; a refusal throws AppError.
 * @example await resendUncertainMessage(runtime, { tenantId, deliveryId })
 */
export async function resendUncertainMessage(
  runtime: Runtime,
  target: { tenantId: string; deliveryId: string },
): Promise<ResendOutcome> {
  const row = await getDelivery(runtime.db, target.tenantId, target.deliveryId);
  if (!row) throw new AppError('not_found', `no delivery ${target.deliveryId} in team ${target.tenantId}`);
  if (row.status !== 'uncertain')
    throw new AppError('conflict', `delivery ${row.id} is ${row.status}; only an uncertain one is sent again`);
  const outcome = await sendDelivery(runtime, target, { leaseMs: SENDING_LEASE_MS, resendUncertain: true });
  if (outcome.status !== 'settled')
    throw new AppError('conflict', `delivery ${row.id} was not sent: it is ${outcome.status} (${outcome.reason})`);
  const { result } = outcome;
  switch (result.status) {
    case 'sent':
      return { status: 'sent', providerMessageId: result.providerMessageId ?? null };
    case 'deferred':
      return { status: 'deferred', until: result.until };
    case 'suppressed':
      throw new AppError('conflict', `delivery ${row.id} was not sent: ${result.reason}`);
    case 'failed':
      if (!outcome.retryable) throw new AppError('unavailable', `delivery ${row.id} failed: ${maskText(result.error)}`);
      // Back to `pending` (settled above): its queue's job retries it with backoff.
      await runtime.queue.enqueue(row.recipientKind === 'lead' ? 'sms.send' : 'alert.deliver', target);
      return { status: 'queued', error: maskText(result.error) };
  }
}
