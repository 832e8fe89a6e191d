import { defineHandler } from '../handler.ts';
import { getInboundEvent, markInboundEvent } from '../../db/queries/inbound-events.ts';
import { applyProviderStatus } from '../../db/queries/deliveries/apply-provider-status.ts';
import { deliveryByProviderId } from '../../db/queries/deliveries/get-delivery.ts';
import { setConsent } from '../../db/queries/consent.ts';
import { parseTwilioForm } from '../../bots/sms/parse-twilio-form.ts';

/** Twilio's MessageStatus in our delivery vocabulary; statuses absent here say nothing about delivery. */
const STATUS: Record<string, string> = {
  queued: 'sending',
  accepted: 'sending',
  scheduled: 'sending',
  sending: 'sending',
  sent: 'sent',
  delivered: 'delivered',
  read: 'read',
  undelivered: 'undelivered',
  failed: 'failed',
  canceled: 'failed',
};
/** The callback can beat our own write of the MessageSid (the API answer); give that race a few retries. */
const UNKNOWN_SID_RETRIES = 3;

/**
 * Applies one status callback. Ranking happens in the UPDATE itself (see applyProviderStatus),
 * so callbacks processed in any order, by any number of workers, end at the furthest status.
 */
export default defineHandler('sms.status', async ({ inboundEventId }, { runtime, job }) => {
  const event = await getInboundEvent(runtime.db, inboundEventId);
  if (!event || event.status === 'processed') return;
  const params = parseTwilioForm(event.rawBody);
  const sid = String(params.MessageSid);
  const twilioStatus = String(params.MessageStatus);
  const errorCode = params.ErrorCode ? String(params.ErrorCode) : undefined;
  const delivery = await deliveryByProviderId(runtime.db, 'sms', sid);
  if (!delivery) {
    if (job.retryCount < UNKNOWN_SID_RETRIES) throw new Error('no delivery carries this MessageSid yet');
    await markInboundEvent(runtime.db, inboundEventId, 'ignored', {
      reason: 'no delivery with this MessageSid',
      processedAt: runtime.clock.now(),
    });
    return;
  }
  const status = STATUS[twilioStatus];
  if (status) {
    await applyProviderStatus(runtime.db, {
      channel: 'sms',
      providerMessageId: sid,
      status,
      error: errorCode ? `Twilio error ${errorCode}` : null,
      at: runtime.clock.now(),
    });
  }
  if (errorCode === '21610') {
    // The carrier (or Twilio's own opt-out list) says this number said STOP: our ledger must agree.
    await setConsent(runtime.db, {
      tenantId: delivery.tenantId,
      channel: 'sms',
      address: delivery.recipient,
      status: 'opted_out',
      source: 'twilio_21610',
      reason: 'status callback 21610',
    });
  }
  await markInboundEvent(runtime.db, inboundEventId, 'processed', {
    tenantId: delivery.tenantId,
    processedAt: runtime.clock.now(),
  });
});
