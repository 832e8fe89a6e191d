import { channelOrder, type DeliveryChannel } from '../../../core/alerts/deliver-policy.ts';
import type { Clock } from '../../../core/time/clock.ts';
import type { JobQueue } from '../../../jobs/queue.ts';
import type { Executor } from '../../client.ts';
import { createDigestDelivery, pendingAgentDigests } from '../../queries/deliveries/agent-digests.ts';
import { listAgents, type Tenant } from '../../queries/tenants.ts';
import type { Reach } from './reach.ts';

/**
 * Each agent with held-back alerts (caps, quiet hours past expiry) gets one digest delivery on
 * their first channel that can carry it. Items stay pending for an agent nobody can reach yet, so
 * they show up in a later digest instead of vanishing. Returns how many digests were planned.
 * @example await planAgentDigests({ db, queue, clock, reach: digestReach }, tenant)
 */
export async function planAgentDigests(
  deps: { db: Executor; queue: JobQueue; clock: Clock; reach: Reach },
  tenant: Tenant,
): Promise<number> {
  const pending = await pendingAgentDigests(deps.db, tenant.id);
  if (pending.size === 0) return 0;
  const team = await listAgents(deps.db, tenant.id);
  let planned = 0;
  for (const [agentId, lines] of pending) {
    const agent = team.find((a) => a.id === agentId && a.active);
    if (!agent) continue;
    const reachable = deps.reach(tenant, agent);
    const [channel] = channelOrder('normal', agent.channels as DeliveryChannel[], [...reachable.keys()]);
    if (!channel) continue;
    const id = await deps.db.transaction((tx) =>
      createDigestDelivery(tx, deps.queue, {
        tenantId: tenant.id,
        agentId,
        channel,
        recipient: reachable.get(channel)!,
        itemIds: lines.map((l) => l.itemId),
        now: deps.clock.now(),
      }),
    );
    if (id) planned++;
  }
  return planned;
}
