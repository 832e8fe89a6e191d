import { defineHandler } from '../handler.ts';
import { dispatchLeadMessage } from '../../bots/messaging/send-to-lead.ts';

/**
 * Sends a lead message that quiet hours deferred. Everything is re-checked at send time: a STOP
 * that arrived overnight wins, and if the clock is still outside the window it defers again.
 * A transient provider failure throws so pg-boss retries with backoff.
 */
export default defineHandler('sms.send', async ({ deliveryId }, { runtime }) => {
  const outcome = await dispatchLeadMessage(runtime, deliveryId);
  if (outcome.status === 'failed' && !outcome.permanent) throw new Error(`send failed, will retry: ${outcome.error}`);
  // Another attempt holds the row (or died holding it): retry after its lease rather than complete
  // a job whose message may never have left.
  if (outcome.status === 'skipped' && outcome.reason === 'already sending')
    throw new Error('message is mid-send elsewhere; retrying after its lease');
});
