import type { DeliveryResult } from '../../core/messaging/delivery-result.ts';
import type { DeliveryRow } from '../../db/queries/deliveries/get-delivery.ts';
import { queueLeadMessage, type LeadMessageInput } from '../../db/queries/deliveries/lead-messages.ts';
import { SENDING_LEASE_MS } from '../../db/use-cases/deliveries/claim-delivery.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { sendDelivery, type SendDeliveryOutcome } from '../deliveries/send-delivery.ts';

/**
 * Queue and send in one call, for a caller with no transaction of its own ("still interested?",
 * a listing sent straight from a channel). The send is the delivery pipeline's, with the lease
 * that guards a message several doors may send. Null when the lead has no address on that channel.
 * @example
 * await sendLeadMessageNow(runtime, { tenantId, lead, channel: 'email', idempotencyKey, purpose, automated, body })
 */
export async function sendLeadMessageNow(
  runtime: Runtime,
  input: LeadMessageInput,
): Promise<{ delivery: DeliveryRow; outcome: SendDeliveryOutcome } | null> {
  const delivery = await queueLeadMessage(runtime.db, input);
  if (!delivery) return null;
  const outcome = await sendDelivery(
    runtime,
    { tenantId: delivery.tenantId, deliveryId: delivery.id },
    { leaseMs: SENDING_LEASE_MS },
  );
  return { delivery, outcome };
}

/** What a send came to, also when this call did not send (it was settled before, or is mid-send elsewhere). */
export function resultOf(outcome: SendDeliveryOutcome, row: DeliveryRow): DeliveryResult {
  if (outcome.status === 'settled') return outcome.result;
  // Permanent: nothing but an operator's `deliveries resend` may send it again.
  if (outcome.status === 'uncertain')
    return { status: 'failed', error: `may or may not have gone out: ${outcome.reason}`, permanent: true };
  switch (row.status) {
    case 'sent':
    case 'delivered':
    case 'read':
      return { status: 'sent', ...(row.providerMessageId ? { providerMessageId: row.providerMessageId } : {}) };
    case 'suppressed':
      return { status: 'suppressed', reason: row.error ?? 'suppressed' };
    case 'deferred':
      if (row.sendAfter) return { status: 'deferred', until: row.sendAfter };
      break;
  }
  return {
    status: 'failed',
    error: `message is ${outcome.reason === 'busy' ? 'being sent' : row.status}`,
    permanent: false,
  };
}
