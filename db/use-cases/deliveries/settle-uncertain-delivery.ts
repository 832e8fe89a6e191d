import { maskText } from '../../../core/observability/mask.ts';
import type { Clock } from '../../../core/time/clock.ts';
import type { JobQueue } from '../../../jobs/queue.ts';
import type { Executor } from '../../client.ts';
import { createDelivery } from '../../queries/deliveries/create-delivery.ts';
import type { DeliveryRow } from '../../queries/deliveries/get-delivery.ts';
import { markUncertain } from '../../queries/deliveries/interrupted-attempts.ts';
import { listAgents, type Agent, type Tenant } from '../../queries/tenants.ts';
import type { Reach } from './reach.ts';

/**
 * A message a dead worker may or may not have handed the provider, which must not be sent blindly
 * again (an email or a text to a lead): settled `uncertain` and, in the same transaction, a notice
 * (`notice`, a plain text) queued to the lead's agent, or to the managers when the lead has none or
 * the agent cannot be reached, on the first channel `reach` gives (it must carry plain text).
 * Nothing sends it again but `porchlight deliveries resend`. Settles only the attempt found
 * `sending`: false when another attempt took the row first.
 * @example await settleUncertainDelivery(deps, { tenant, interrupted, reason, notice, assigneeId })
 */
export async function settleUncertainDelivery(
  deps: { db: Executor; queue: JobQueue; clock: Clock; reach: Reach },
  input: { tenant: Tenant; interrupted: DeliveryRow; reason: string; notice: string; assigneeId: string | null },
): Promise<{ settled: boolean; noticed: number }> {
  const { tenant, interrupted } = input;
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    if (!(await markUncertain(tx, interrupted, maskText(input.reason), now))) return { settled: false, noticed: 0 };
    const team = (await listAgents(tx, tenant.id)).filter((a) => a.active);
    const reachable = (agents: Agent[]) =>
      agents.flatMap((agent) => {
        const [first] = deps.reach(tenant, agent);
        return first ? [{ agent, channel: first[0], address: first[1] }] : [];
      });
    const assignee = reachable(team.filter((a) => a.id === input.assigneeId));
    const to = assignee.length ? assignee : reachable(team.filter((a) => a.role !== 'agent'));
    let noticed = 0;
    for (const { agent, channel, address } of to) {
      const row = await createDelivery(tx, deps.queue, {
        tenantId: tenant.id,
        alertId: null,
        channel,
        recipient: address,
        recipientKind: 'agent',
        idempotencyKey: `uncertain:${interrupted.id}:${interrupted.attempts}:${agent.id}`,
        body: input.notice,
        now,
      });
      if (row) noticed++;
    }
    return { settled: true, noticed };
  });
}
