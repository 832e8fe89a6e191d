import { channelOrder, type DeliveryChannel } from '../../../core/alerts/deliver-policy.ts';
import type { JobQueue } from '../../../jobs/queue.ts';
import type { Executor } from '../../client.ts';
import { createDelivery } from '../../queries/deliveries/create-delivery.ts';
import type { DeliveryRow } from '../../queries/deliveries/get-delivery.ts';
import { listAgents, type Tenant } from '../../queries/tenants.ts';
import type { Reach } from './reach.ts';

/**
 * A critical alert must reach someone now: when its copy to an agent fails (for good or not), a
 * new delivery goes to that agent's next channel (Slack → SMS) while the original keeps retrying.
 * The attempt tag names the failed channel, so repeated failures hand over once.
 * @example await handOverCriticalAlert({ db, queue, reach }, { tenant, failed: delivery })
 */
export async function handOverCriticalAlert(
  deps: { db: Executor; queue: JobQueue; reach: Reach },
  input: { tenant: Tenant; failed: DeliveryRow },
): Promise<DeliveryRow | null> {
  const { tenant, failed } = input;
  if (failed.recipientKind !== 'agent' || !failed.alertId) return null;
  const failedChannel = failed.channel as DeliveryChannel;
  const team = await listAgents(deps.db, tenant.id);
  const agent = team.find((a) => deps.reach(tenant, a).get(failedChannel) === failed.recipient);
  if (!agent) return null;
  const reachable = deps.reach(tenant, agent);
  const order = channelOrder('critical', agent.channels as DeliveryChannel[], [...reachable.keys()]);
  const next = order.slice(order.indexOf(failedChannel) + 1)[0] ?? order.find((c) => c !== failedChannel);
  if (!next) return null;
  return deps.db.transaction((tx) =>
    createDelivery(tx, deps.queue, {
      tenantId: tenant.id,
      alertId: failed.alertId,
      channel: next,
      recipient: reachable.get(next)!,
      recipientKind: 'agent',
      attemptTag: `fallback-${failedChannel}`,
      priority: 'critical',
    }),
  );
}
