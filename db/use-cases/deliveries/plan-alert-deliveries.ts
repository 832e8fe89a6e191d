import { deliverPolicy, type DeliveryChannel } from '../../../core/alerts/deliver-policy.ts';
import type { PlannedDelivery } from '../../../core/alerts/planned-delivery.ts';
import type { WorkingHours } from '../../../core/alerts/working-hours.ts';
import type { Clock } from '../../../core/time/clock.ts';
import type { JobQueue } from '../../../jobs/queue.ts';
import type { Tx } from '../../client.ts';
import type { AlertRow } from '../../queries/alerts/get-alert.ts';
import { addAgentDigestItem } from '../../queries/deliveries/agent-digests.ts';
import { alertsSentSince } from '../../queries/deliveries/alerts-sent-since.ts';
import { createDelivery } from '../../queries/deliveries/create-delivery.ts';
import type { Agent, Tenant } from '../../queries/tenants.ts';
import type { Reach } from './reach.ts';

export interface PlanDeliveriesDeps {
  queue: JobQueue;
  clock: Clock;
  reach: Reach;
}

export interface PlanOptions {
  /** A deliberate second send to the same place (escalation, end of snooze). */
  attemptTag?: string;
  /** Escalations to managers are not held back by the per-recipient caps. */
  ignoreCaps?: boolean;
  /** Only these channels (a manager SMS rung). */
  onlyChannels?: DeliveryChannel[];
}

// The terminal's 'console' is one shared copy for the whole team, so it never counts toward anyone's cap.
const SHARED_ADDRESSES = ['console'];
const HOUR = 3600_000;
const DAY = 86_400_000;

/**
 * Decides, per recipient, when and where an alert goes (core's deliverPolicy), and writes it down
 * in the caller's transaction: a delivery row + `alert.deliver` job (possibly deferred to the end
 * of their quiet hours), or a digest item when a cap is reached or nothing can reach them.
 * Nothing is dropped.
 * @example await planAlertDeliveries(tx, { queue, clock, reach }, { tenant, alert, recipients: [ana] })
 */
export async function planAlertDeliveries(
  tx: Tx,
  deps: PlanDeliveriesDeps,
  input: { tenant: Tenant; alert: AlertRow; recipients: Agent[] } & PlanOptions,
): Promise<PlannedDelivery[]> {
  const { tenant, alert } = input;
  const now = deps.clock.now();
  const delivery = tenant.settings.delivery;
  const planned: PlannedDelivery[] = [];
  for (const agent of input.recipients) {
    const reachable = deps.reach(tenant, agent);
    if (input.onlyChannels)
      for (const name of [...reachable.keys()]) if (!input.onlyChannels.includes(name)) reachable.delete(name);
    const own = [...reachable.values()].filter((a) => !SHARED_ADDRESSES.includes(a));
    const sent = input.ignoreCaps
      ? { lastHour: 0, lastDay: 0 }
      : {
          lastHour: await alertsSentSince(tx, tenant.id, own, new Date(now.getTime() - HOUR)),
          lastDay: await alertsSentSince(tx, tenant.id, own, new Date(now.getTime() - DAY)),
        };
    const plan = deliverPolicy(
      {
        priority: alert.priority,
        recipient: {
          kind: 'agent',
          timezone: agent.timezone,
          hours: (agent.workingHours ?? null) as WorkingHours | null,
          channels: agent.channels.filter((c): c is DeliveryChannel => reachable.has(c as DeliveryChannel)),
          reachable: [...reachable.keys()],
        },
        sent,
        expiresAt: alert.expiresAt,
      },
      deps.clock,
      delivery,
    );

    if (plan.decision.kind === 'digest') {
      await addAgentDigestItem(tx, { tenantId: tenant.id, agentId: agent.id, alertId: alert.id, reason: plan.reason });
      planned.push({ agentId: agent.id, outcome: 'digest', reason: plan.reason });
      continue;
    }
    const name = plan.channels[0];
    const sendAfter = plan.decision.kind === 'defer_until' ? plan.decision.until : null;
    const row = await createDelivery(tx, deps.queue, {
      tenantId: tenant.id,
      alertId: alert.id,
      channel: name,
      recipient: reachable.get(name)!,
      recipientKind: 'agent',
      sendAfter,
      attemptTag: input.attemptTag,
      now,
      priority: alert.priority,
    });
    if (!row) {
      planned.push({ agentId: agent.id, outcome: 'duplicate', channel: name, reason: `already planned on ${name}` });
      continue;
    }
    planned.push({
      agentId: agent.id,
      outcome: sendAfter ? 'deferred' : 'queued',
      channel: name,
      deliveryId: row.id,
      ...(sendAfter ? { sendAfter: sendAfter.toISOString() } : {}),
      reason: plan.reason,
    });
  }
  return planned;
}
