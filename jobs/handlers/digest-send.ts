import { eq } from 'drizzle-orm';
import { tenants } from '../../db/schema/index.ts';
import { createDigestDelivery, pendingAgentDigests } from '../../db/queries/digest.ts';
import { listAgents, type Tenant } from '../../db/queries/tenants.ts';
import { channelOrder, type DeliveryChannel } from '../../core/alerts/deliver-policy.ts';
import { defineHandler } from '../handler.ts';
import type { Runtime } from '../runtime.ts';
import { reachableChannels } from '../shared/plan-deliveries.ts';
import { sendLeadDigests } from '../shared/lead-digests.ts';

/**
 * Hourly: each agent with held-back alerts (caps, quiet hours past expiry) gets one summary on
 * their first channel that can carry it. Items stay pending for an agent nobody can reach yet,
 * so they show up in a later digest instead of vanishing.
 */
export default defineHandler('digest.send', async (data, { runtime }) => {
  const rows = data.tenantId
    ? await runtime.db.select().from(tenants).where(eq(tenants.id, data.tenantId))
    : await runtime.db.select().from(tenants);
  for (const tenant of rows) await sendAgentDigests(runtime, tenant);
  // Lead digests run on their own daily/weekly schedules (see jobs/worker.ts): each call sends
  // whatever is new, so running them from the hourly pass would mail leads every hour.
  if (data.frequency) await sendLeadDigests(runtime, data.frequency, { tenantId: data.tenantId });
});

export async function sendAgentDigests(runtime: Runtime, tenant: Tenant): Promise<number> {
  const pending = await pendingAgentDigests(runtime.db, tenant.id);
  if (pending.size === 0) return 0;
  const team = await listAgents(runtime.db, tenant.id);
  let planned = 0;
  for (const [agentId, lines] of pending) {
    const agent = team.find((a) => a.id === agentId && a.active);
    if (!agent) continue;
    const reachable = reachableChannels(runtime, tenant, agent);
    for (const name of [...reachable.keys()]) if (!reachable.get(name)!.channel.sendMessage) reachable.delete(name);
    const [channel] = channelOrder('normal', agent.channels as DeliveryChannel[], [...reachable.keys()]);
    if (!channel) continue;
    await runtime.db.transaction(async (tx) => {
      const id = await createDigestDelivery(tx, runtime.queue, {
        tenantId: tenant.id,
        agentId,
        channel,
        recipient: reachable.get(channel)!.address,
        itemIds: lines.map((l) => l.itemId),
        now: runtime.clock.now(),
      });
      if (id) planned++;
    });
  }
  return planned;
}
