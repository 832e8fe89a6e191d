import { getTenant, listTenants } from '../../db/queries/tenants.ts';
import { planAgentDigests } from '../../db/use-cases/deliveries/plan-agent-digests.ts';
import { reachOf } from '../../bots/deliveries/reachable-channels.ts';
import { defineHandler } from '../handler.ts';
import { sendLeadDigests } from '../shared/lead-digests.ts';

/**
 * Hourly: each agent with held-back alerts gets one summary on their first channel that can carry
 * one (a channel with `sendMessage`). With a `frequency` (every quarter hour, see jobs/worker.ts):
 * the leads' daily or weekly digests instead, each lead's in her own 08:00–10:00.
 */
export default defineHandler('digest.send', async (data, { runtime }) => {
  // Lead digests run on their own quarter-hour schedules (see jobs/worker.ts); the agents' summary keeps its hour.
  if (data.frequency) {
    await sendLeadDigests(runtime, data.frequency, { tenantId: data.tenantId, localMorning: true });
    return;
  }
  const { db, queue, clock } = runtime;
  const tenant = data.tenantId ? await getTenant(db, data.tenantId) : undefined;
  const tenants = data.tenantId ? (tenant ? [tenant] : []) : await listTenants(db);
  const reach = reachOf(runtime, (channel) => Boolean(channel.sendMessage));
  for (const t of tenants) await planAgentDigests({ db, queue, clock, reach }, t);
});
