import { TERMINAL_STATUSES } from '../../core/alerts/alert-types.ts';
import { weeklyReportOfKey } from '../../core/reports/weekly-report-slot.ts';
import type { DeliveryResult, InterruptedAttempt } from '../../core/messaging/delivery-result.ts';
import { getAlert, type AlertRow } from '../../db/queries/alerts/get-alert.ts';
import { digestLinesForDelivery } from '../../db/queries/deliveries/agent-digests.ts';
import type { DeliveryRow } from '../../db/queries/deliveries/get-delivery.ts';
import { markHandedOver } from '../../db/queries/deliveries/interrupted-attempts.ts';
import { getLead } from '../../db/queries/leads.ts';
import type { Tenant } from '../../db/queries/tenants.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { dispatchLeadMessage } from '../lead-messages/dispatch-lead-message.ts';
import { findDeliveredLeadMessage } from '../lead-messages/find-delivered-lead-message.ts';
import { leadMessageFor } from '../lead-messages/lead-message-for.ts';
import { buildReport } from '../commands/report.ts';
import { digestMessage } from '../message/digest-message.ts';
import { loadAlertView } from './load-alert-view.ts';
import { channelNamed } from './reachable-channels.ts';

/** How one delivery goes out, or the result it gets without going anywhere. */
export type PreparedDelivery =
  | { result: DeliveryResult }
  | {
      /** Runs on the claimed row: the provider call (and, for a lead, consent and quiet hours first). */
      send: (claimed: DeliveryRow) => Promise<DeliveryResult>;
      /** Asks the provider whether an interrupted attempt got through (channels that can tell). */
      findDelivered?: () => Promise<DeliveryResult | InterruptedAttempt | null>;
      /** The alert this is a copy of, for the critical-alert hand-over. */
      alert?: AlertRow;
    };

const failed = (error: string): { result: DeliveryResult } => ({
  result: { status: 'failed', error, permanent: true },
});

/**
 * Reads what a delivery row carries and picks its way out: a message to a lead (lead_messages),
 * a plain text (`body`: an answer to an agent's SMS), a copy of an alert card, the weekly report, or an agent digest.
 */
export async function prepareDelivery(
  runtime: Runtime,
  tenant: Tenant,
  delivery: DeliveryRow,
): Promise<PreparedDelivery> {
  if (delivery.recipientKind === 'lead') {
    const message = await leadMessageFor(runtime, tenant, delivery);
    if (typeof message === 'string') return failed(message);
    const lead = await getLead(runtime.db, tenant.id, message.leadId);
    if (!lead) return failed('lead no longer exists');
    return {
      send: (claimed) => dispatchLeadMessage(runtime, { tenant, delivery: claimed, message, lead }),
      findDelivered: () => findDeliveredLeadMessage(runtime, delivery, lead),
    };
  }
  const channel = channelNamed(runtime, delivery.channel);
  if (!channel) return failed(`no ${delivery.channel} channel in this build`);
  const target = {
    tenant,
    recipient: delivery.recipient,
    recipientKind: delivery.recipientKind,
    idempotencyKey: delivery.idempotencyKey,
  };
  // The attempt stamps what it hands over, so a crash after the provider call can be looked up.
  const handingOver = (claimed: DeliveryRow) => ({
    markHandedOver: (fingerprint: string) => markHandedOver(runtime.db, claimed, fingerprint, runtime.clock.now()),
  });
  const findDelivered = channel.findDelivered?.bind(channel);
  const asked = findDelivered
    ? () =>
        findDelivered(runtime, {
          ...target,
          deliveryId: delivery.id,
          attemptStartedAt: delivery.statusAt,
          handedOver: delivery.handedOver,
          alertId: delivery.alertId,
        })
    : undefined;

  if (delivery.body !== null) {
    const sendText = channel.sendText?.bind(channel);
    if (!sendText) return failed(`${delivery.channel} cannot send a plain text`);
    const text = delivery.body;
    return {
      send: (claimed) => sendText(runtime, { ...target, ...handingOver(claimed), text }),
      findDelivered: asked,
    };
  }
  if (delivery.alertId) {
    const alert = await getAlert(runtime.db, tenant.id, delivery.alertId);
    if (!alert) return { result: { status: 'suppressed', reason: 'alert no longer exists' } };
    // A deferred copy of an alert that was closed overnight would only be noise.
    if (TERMINAL_STATUSES.includes(alert.status))
      return { result: { status: 'suppressed', reason: `alert already ${alert.status}` } };
    return {
      alert,
      send: async (claimed) => {
        const view = await loadAlertView(runtime.db, tenant, alert, { sendingAt: runtime.clock.now() });
        return channel.deliverAlert(runtime, { ...target, ...handingOver(claimed), view });
      },
      findDelivered: asked,
    };
  }
  const sendMessage = channel.sendMessage?.bind(channel);
  const weekly = weeklyReportOfKey(delivery.idempotencyKey, tenant.timezone);
  if (weekly) {
    if (!sendMessage) return failed(`${delivery.channel} cannot post a report`);
    return {
      // Drawn as of its Monday 08:00, not the send time: a retry or a late worker posts the same figures.
      send: async (claimed) => {
        const message = await buildReport(runtime.db, tenant, { range: '7d', by: 'kind', now: weekly.at, chart: true });
        return sendMessage(runtime, { ...target, ...handingOver(claimed), message });
      },
      findDelivered: asked,
    };
  }
  const lines = await digestLinesForDelivery(runtime.db, tenant.id, delivery.id);
  if (!sendMessage || lines.length === 0) return failed(`${delivery.channel} cannot send a digest`);
  return {
    send: (claimed) => sendMessage(runtime, { ...target, ...handingOver(claimed), message: digestMessage(lines) }),
    findDelivered: asked,
  };
}
