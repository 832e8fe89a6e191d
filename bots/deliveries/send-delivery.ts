import type { DeliveryResult } from '../../core/messaging/delivery-result.ts';
import { maskText } from '../../core/observability/mask.ts';
import { getDelivery, type DeliveryRow } from '../../db/queries/deliveries/get-delivery.ts';
import { moreUrgentCopyDue } from '../../db/queries/deliveries/more-urgent-copy-due.ts';
import { SENDABLE_STATUSES } from '../../db/queries/deliveries/lease-delivery.ts';
import { getTenant } from '../../db/queries/tenants.ts';
import { claimDelivery } from '../../db/use-cases/deliveries/claim-delivery.ts';
import { handOverCriticalAlert } from '../../db/use-cases/deliveries/hand-over-critical-alert.ts';
import { settleDelivery } from '../../db/use-cases/deliveries/settle-delivery.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { settleUncertainLeadMessage } from '../lead-messages/settle-uncertain-lead-message.ts';
import { prepareDelivery } from './prepare-delivery.ts';
import { reachOf } from './reachable-channels.ts';

export interface SendDeliveryOptions {
  /** How long a `sending` row stays with the attempt that took it (see claimDelivery). */
  leaseMs: number;
  /**
   * The job has no retries left: a failure that might have passed is recorded as final (`failed`, which
   * a replayed job may still send), while `retryable` still tells the job to fail into the dead-letter queue.
   */
  lastAttempt?: boolean;
  /**
   * An operator's `porchlight deliveries resend`: an `uncertain` message (it may have gone out before a
   * crash) is sent again, on their word. Nothing else sends an `uncertain` row.
   */
  resendUncertain?: boolean;
}

export type SendDeliveryOutcome =
  /**
   * `retryable`: the provider failed in a way that may pass (5xx, network, 429): the job throws, so
   * pg-boss retries it with backoff and, after its last retry, dead-letters it with the reason.
   */
  | { status: 'settled'; delivery: DeliveryRow; result: DeliveryResult; retryable: boolean }
  /**
   * A worker died mid-send and the provider cannot say whether the message got through: settled
   * `uncertain` (someone was told; only `porchlight deliveries resend` sends it).
   */
  | { status: 'uncertain'; delivery: DeliveryRow; reason: string }
  /** Gone, already settled, or held by another live attempt (`busy`): nothing was sent. */
  | { status: 'skipped'; reason: 'missing' | 'settled' | 'busy' };

/**
 * The one way any message leaves: an alert card to an agent, a digest, a text or email to a lead,
 * an answer to an agent's SMS. Claim (the row is marked `sending` and committed before the provider
 * is called), send, settle (what came of it, recorded with its follow-ups). If a worker died
 * mid-send, the next attempt (once the dead one's lease is out) first asks the channel whether the
 * message got through (`findDelivered`) and records it instead of sending twice; a message to a lead
 * that cannot be ruled out is settled `uncertain` rather than sent again. A failed copy of a critical alert
 * hands over to the agent's next channel at once, while the original keeps retrying.
 * @example const outcome = await sendDelivery(runtime, { tenantId, deliveryId }, { leaseMs: 0 })
 */
export async function sendDelivery(
  runtime: Runtime,
  target: { tenantId: string; deliveryId: string },
  options: SendDeliveryOptions,
): Promise<SendDeliveryOutcome> {
  const delivery = await getDelivery(runtime.db, target.tenantId, target.deliveryId);
  if (!delivery) return { status: 'skipped', reason: 'missing' };
  const resending = delivery.status === 'uncertain' && Boolean(options.resendUncertain);
  if (
    delivery.status !== 'sending' &&
    !resending &&
    !(SENDABLE_STATUSES as readonly string[]).includes(delivery.status)
  )
    return { status: 'skipped', reason: 'settled' };
  const tenant = await getTenant(runtime.db, delivery.tenantId);
  if (!tenant) return { status: 'skipped', reason: 'missing' };
  const log = runtime.logger.child({ deliveryId: delivery.id, alertId: delivery.alertId, channel: delivery.channel });
  const prepared = await prepareDelivery(runtime, tenant, delivery);
  if ('result' in prepared) return settle(runtime, delivery, prepared.result);

  // Only a dead attempt is asked about: a live one (its lease still running) may be mid-call right now.
  // statusAt is the attempt's start on the runtime clock (updatedAt is the database's own clock).
  const leaseOut = !delivery.statusAt || delivery.statusAt.getTime() <= runtime.clock.now().getTime() - options.leaseMs;
  if (delivery.status === 'sending' && leaseOut && prepared.findDelivered) {
    const found = await prepared.findDelivered();
    if (found?.status === 'sent') {
      log.info('the interrupted attempt had reached the provider; recorded instead of sending again');
      return settle(runtime, delivery, found);
    }
    if (found?.status === 'uncertain') {
      const { settled } = await settleUncertainLeadMessage(runtime, tenant, delivery, found.reason);
      if (settled) return { status: 'uncertain', delivery, reason: found.reason };
      return { status: 'skipped', reason: 'busy' };
    }
  }
  const urgentDue = await moreUrgentDue(runtime, delivery, prepared.alert?.priority);
  if (urgentDue) return settle(runtime, delivery, { status: 'deferred', until: stepBackUntil(runtime, urgentDue) });
  const claimed = await claimDelivery(runtime, {
    deliveryId: delivery.id,
    leaseMs: options.leaseMs,
    resendUncertain: resending,
  });
  if (!claimed) {
    const now = await getDelivery(runtime.db, delivery.tenantId, delivery.id);
    return { status: 'skipped', reason: now?.status === 'sending' ? 'busy' : 'settled' };
  }
  let result: DeliveryResult;
  try {
    result = await prepared.send(claimed);
  } catch (error) {
    // Channels should return failures as data; one that throws is treated as transient.
    result = { status: 'failed', error: (error as Error).message, permanent: false };
  }
  const retryable = result.status === 'failed' && !result.permanent;
  // Out of retries, a transient failure is final: recorded as failed rather than left pending.
  if (result.status === 'failed' && retryable && options.lastAttempt) result = { ...result, permanent: true };
  const outcome = await settle(runtime, claimed, result, retryable);
  if (result.status === 'failed') {
    log.warn({ error: maskText(result.error), permanent: result.permanent }, 'delivery attempt failed');
    // The attempt tag of the hand-over makes repeated failures hand over once.
    if (prepared.alert?.priority === 'critical')
      await handOverCriticalAlert(
        { db: runtime.db, queue: runtime.queue, reach: reachOf(runtime) },
        { tenant, failed: claimed },
      );
  }
  return outcome;
}

/** How long a copy steps back behind a more urgent one to the same address: long enough for it to be fetched. */
const STEP_BACK_MS = 250;

/** Urgent first per address: only alert copies to the team, and not an interrupted attempt resuming. */
async function moreUrgentDue(runtime: Runtime, delivery: DeliveryRow, priority: string | undefined) {
  if (!delivery.alertId || !priority || priority === 'critical' || delivery.recipientKind === 'lead') return undefined;
  if (delivery.status === 'sending') return undefined;
  return moreUrgentCopyDue(runtime.db, { ...delivery, priority }, runtime.clock.now());
}

/** Just after the urgent copy is due, on the wall clock pg-boss schedules by (the runtime clock may be a test's). */
function stepBackUntil(runtime: Runtime, urgentDue: Date): Date {
  const aheadMs = Math.max(0, urgentDue.getTime() - runtime.clock.now().getTime());
  return new Date(Date.now() + aheadMs + STEP_BACK_MS);
}

async function settle(
  runtime: Runtime,
  delivery: DeliveryRow,
  result: DeliveryResult,
  retryable = false,
): Promise<SendDeliveryOutcome> {
  await settleDelivery(runtime, delivery, result);
  return { status: 'settled', delivery, result, retryable };
}
