import { and, eq, notInArray } from 'drizzle-orm';
import { deliveries } from '../../db/schema/index.ts';
import { getDelivery, createDelivery, type DeliveryRow } from '../../db/queries/deliveries.ts';
import { getAlert, type AlertRow } from '../../db/queries/alerts.ts';
import { digestLinesForDelivery } from '../../db/queries/digest.ts';
import { getTenant, listAgents, type Tenant } from '../../db/queries/tenants.ts';
import { TERMINAL_STATUSES } from '../../core/alerts/alert-types.ts';
import { channelOrder, type DeliveryChannel } from '../../core/alerts/deliver-policy.ts';
import { maskText } from '../../core/observability/mask.ts';
import { channelByName } from '../../bots/registry.ts';
import type { DeliveryResult } from '../../bots/channel.ts';
import { defineHandler } from '../handler.ts';
import { QUEUES } from '../registry.ts';
import { digestItems } from '../../db/schema/index.ts';
import type { Runtime } from '../runtime.ts';
import { loadAlertView } from '../shared/load-alert-view.ts';
import { reachableChannels } from '../shared/plan-deliveries.ts';
import { digestMessage } from '../shared/digest-message.ts';

const DONE = ['sent', 'delivered', 'suppressed'];

/** A transient provider failure: pg-boss retries the job with backoff, the row keeps the error. */
export class TransientDeliveryError extends Error {}

/**
 * Sends one delivery exactly once. The row is marked `sending` in its own committed transaction
 * before the provider is called, so if this worker dies mid-send the next attempt knows the
 * message may already be out and asks the channel (`findDelivered`) before sending again.
 */
export default defineHandler('alert.deliver', async ({ tenantId, deliveryId }, { runtime, job }) => {
  const delivery = await getDelivery(runtime.db, tenantId, deliveryId);
  if (!delivery || DONE.includes(delivery.status)) return;
  const tenant = await getTenant(runtime.db, tenantId);
  if (!tenant) return;
  const log = runtime.logger.child({ deliveryId, alertId: delivery.alertId, channel: delivery.channel });
  const channel = channelByName(delivery.channel as DeliveryChannel);
  if (!channel) {
    await record(runtime, delivery, {
      ok: false,
      error: `no ${delivery.channel} channel in this build`,
      permanent: true,
    });
    return;
  }
  const target = {
    tenant,
    recipient: delivery.recipient,
    recipientKind: delivery.recipientKind,
    idempotencyKey: delivery.idempotencyKey,
  };
  let send: () => Promise<DeliveryResult>;
  let alert: AlertRow | undefined;
  if (delivery.alertId) {
    alert = await getAlert(runtime.db, tenantId, delivery.alertId);
    if (!alert) return;
    if (TERMINAL_STATUSES.includes(alert.status)) {
      // A deferred copy of an alert that was closed overnight would only be noise.
      await record(runtime, delivery, {
        ok: false,
        error: `alert already ${alert.status}`,
        permanent: true,
        suppressed: true,
      });
      return;
    }
    const current = alert;
    send = async () =>
      channel.deliverAlert(runtime, { ...target, view: await loadAlertView(runtime.db, tenant, current) });
  } else {
    const lines = await digestLinesForDelivery(runtime.db, tenantId, delivery.id);
    if (!channel.sendMessage || lines.length === 0) {
      await record(runtime, delivery, {
        ok: false,
        error: `${delivery.channel} cannot send a digest`,
        permanent: true,
      });
      return;
    }
    const sendMessage = channel.sendMessage.bind(channel);
    send = () => sendMessage(runtime, { ...target, message: digestMessage(lines) });
  }

  if (delivery.status === 'sending' && channel.findDelivered) {
    const found = await channel.findDelivered(runtime, { ...target, deliveryId, attemptStartedAt: delivery.statusAt });
    if (found?.ok) {
      log.info('the interrupted attempt had reached the provider; recorded instead of sending again');
      await record(runtime, delivery, found);
      return;
    }
  }

  // Committed before the provider call: a crash after this line leaves evidence for the next attempt.
  await runtime.db
    .update(deliveries)
    .set({
      status: 'sending',
      attempts: delivery.attempts + 1,
      statusAt: runtime.clock.now(),
      updatedAt: runtime.clock.now(),
    })
    .where(and(eq(deliveries.id, delivery.id), notInArray(deliveries.status, DONE)));
  let result: DeliveryResult;
  try {
    result = await send();
  } catch (error) {
    // Channels should return failures as data; one that throws is treated as transient.
    result = { ok: false, error: (error as Error).message, permanent: false };
  }
  const lastAttempt = job.retryCount >= QUEUES['alert.deliver'].policy.retryLimit;
  // Out of retries, a transient failure is final: record it as failed rather than leave it pending.
  const final: DeliveryResult =
    !result.ok && !result.permanent && lastAttempt ? { ...result, permanent: true } : result;
  await record(runtime, delivery, final);
  if (final.ok) return;
  log.warn({ error: maskText(final.error), permanent: final.permanent }, 'delivery attempt failed');
  // A critical alert must reach someone now: the first failure of any kind hands over to the next
  // channel (Slack → SMS) while the original keeps retrying; the attempt tag makes it one handover.
  if (alert?.priority === 'critical' && !final.suppressed) await fallBack(runtime, tenant, delivery);
  if (!final.permanent) throw new TransientDeliveryError(maskText(final.error));
});

async function record(runtime: Runtime, delivery: DeliveryRow, result: DeliveryResult): Promise<void> {
  const now = runtime.clock.now();
  // A channel may accept a send but hold it (an SMS to a lead outside their quiet-hours window):
  // the row stays deferred until the held send actually goes out.
  const deferredUntil = result.ok ? result.ref?.deferredUntil : undefined;
  const fields =
    result.ok && deferredUntil
      ? { status: 'deferred', ref: result.ref ?? null, error: null, sendAfter: new Date(String(deferredUntil)) }
      : result.ok
        ? {
            status: 'sent',
            providerMessageId: result.providerMessageId ?? null,
            ref: result.ref ?? null,
            error: null,
            sentAt: now,
          }
        : {
            status: result.suppressed ? 'suppressed' : result.permanent ? 'failed' : 'pending',
            error: maskText(result.error),
          };
  await runtime.db.transaction(async (tx) => {
    await tx
      .update(deliveries)
      .set({ ...fields, statusAt: now, updatedAt: now })
      .where(eq(deliveries.id, delivery.id));
    if (delivery.alertId) return;
    // Digest items count as sent only once their digest went out; a digest that failed for good
    // hands its items back to the next digest instead of dropping them.
    if (result.ok) await tx.update(digestItems).set({ sentAt: now }).where(eq(digestItems.deliveryId, delivery.id));
    else if (result.permanent && !result.suppressed)
      await tx
        .update(digestItems)
        .set({ deliveryId: null, sentAt: null })
        .where(eq(digestItems.deliveryId, delivery.id));
  });
}

/** Critical alerts must reach someone: a channel that failed for good hands over to the next (Slack → SMS). */
async function fallBack(runtime: Runtime, tenant: Tenant, failed: DeliveryRow): Promise<void> {
  if (failed.recipientKind !== 'agent' || !failed.alertId) return;
  const failedChannel = failed.channel as DeliveryChannel;
  const team = await listAgents(runtime.db, tenant.id);
  const agent = team.find((a) => channelByName(failedChannel)?.addressOf(a) === failed.recipient);
  if (!agent) return;
  const reachable = reachableChannels(runtime, tenant, agent);
  const order = channelOrder('critical', agent.channels as DeliveryChannel[], [...reachable.keys()]);
  const next = order.slice(order.indexOf(failedChannel) + 1)[0] ?? order.find((c) => c !== failedChannel);
  if (!next) return;
  await runtime.db.transaction(async (tx) => {
    await createDelivery(tx, runtime.queue, {
      tenantId: tenant.id,
      alertId: failed.alertId!,
      channel: next,
      recipient: reachable.get(next)!.address,
      recipientKind: 'agent',
      attemptTag: `fallback-${failedChannel}`,
    });
  });
}
