import type { InterruptedAttempt } from '../../core/messaging/delivery-result.ts';
import { maskEmail, maskPhone } from '../../core/observability/mask.ts';
import type { DeliveryRow } from '../../db/queries/deliveries/get-delivery.ts';
import type { Lead } from '../../db/queries/leads.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { findSentSms } from '../sms/find-sent-sms.ts';
import { recordOutbound } from './dispatch-lead-message.ts';

/**
 * A message to a lead whose worker died mid-send (`interrupted` is the row as it was left). A lead
 * must not get the same text or email twice, so whatever cannot be ruled out is `uncertain`:
 * - the attempt never reached the provider (no fingerprint): null, it is sent;
 * - a text: Twilio's list is searched for it; found, it is recorded with its SID; not there, it is
 *   sent; Twilio not answering: `uncertain`, not a blind second text;
 * - an email: SendGrid has no way to ask (short of the paid Email Activity API): `uncertain`.
 */
export async function findDeliveredLeadMessage(
  runtime: Runtime,
  interrupted: DeliveryRow,
  lead: Lead,
): Promise<InterruptedAttempt | null> {
  const { handedOver } = interrupted;
  if (!handedOver) return null;
  const log = runtime.logger.child({ deliveryId: interrupted.id, channel: interrupted.channel });
  if (interrupted.channel !== 'sms') {
    log.warn({ to: maskEmail(interrupted.recipient) }, 'email may have gone out before a crash; settled uncertain');
    return { status: 'uncertain', reason: 'worker stopped while SendGrid had the email; it may or may not have gone' };
  }
  const found = await findSentSms(runtime, {
    recipient: interrupted.recipient,
    attemptStartedAt: interrupted.statusAt,
    handedOver,
  });
  if (found.status === 'absent') return null;
  if (found.status === 'unknown') {
    log.warn({ to: maskPhone(interrupted.recipient), reason: found.reason }, 'text to lead settled uncertain');
    return { status: 'uncertain', reason: `worker stopped mid-send and ${found.reason}` };
  }
  await recordOutbound(runtime, interrupted, lead, found.providerMessageId, found.body);
  return { status: 'sent', providerMessageId: found.providerMessageId };
}
