import type { Clock } from '../../../core/time/clock.ts';
import type { JobQueue } from '../../../jobs/queue.ts';
import type { Tx } from '../../client.ts';
import { createDelivery } from '../../queries/deliveries/create-delivery.ts';
import type { Lead } from '../../queries/leads.ts';
import { listAgents, type Agent, type Tenant } from '../../queries/tenants.ts';
import type { Reach } from '../deliveries/reach.ts';

/**
 * A plain-text note about a lead to her agent, or to the managers when she has none or the agent cannot be
 * reached, on the first channel `reach` gives (it must carry plain text), queued in the caller's transaction
 * through the delivery pipeline. `key` names the note: queued twice, it goes out once per agent.
 * @example await noteAgentsOfLead(tx, { queue, clock, reach }, { tenant, lead, key: `instant-note:${id}`, text })
 */
export async function noteAgentsOfLead(
  tx: Tx,
  deps: { queue: JobQueue; clock: Clock; reach: Reach },
  input: {
    tenant: Tenant;
    lead: Pick<Lead, 'assigneeId'>;
    key: string;
    text: string;
    /** These agents instead of her agent (an automation's "notify managers" or a named list). */
    to?: (agent: Agent) => boolean;
  },
): Promise<number> {
  const { tenant } = input;
  const team = (await listAgents(tx, tenant.id)).filter((a) => a.active);
  const reachable = (agents: Agent[]) =>
    agents.flatMap((agent) => {
      const [first] = deps.reach(tenant, agent);
      return first ? [{ agent, channel: first[0], address: first[1] }] : [];
    });
  const assignee = reachable(team.filter(input.to ?? ((a) => a.id === input.lead.assigneeId)));
  const to = assignee.length || input.to ? assignee : reachable(team.filter((a) => a.role !== 'agent'));
  let noted = 0;
  for (const { agent, channel, address } of to) {
    const row = await createDelivery(tx, deps.queue, {
      tenantId: tenant.id,
      alertId: null,
      channel,
      recipient: address,
      recipientKind: 'agent',
      idempotencyKey: `${input.key}:${agent.id}`,
      body: input.text,
      now: deps.clock.now(),
    });
    if (row) noted++;
  }
  return noted;
}
