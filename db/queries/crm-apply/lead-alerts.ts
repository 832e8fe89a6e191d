import { and, eq, inArray } from 'drizzle-orm';
import { agents, alerts } from '../../schema/index.ts';
import type { Executor } from '../../client.ts';

/** Alerts on a lead still waiting for someone to reach out (speed-to-lead not yet stopped). */
export async function alertsAwaitingContact(
  db: Executor,
  tenantId: string,
  leadId: string,
): Promise<Array<{ id: string; status: string; assigneeId: string | null }>> {
  return db
    .select({ id: alerts.id, status: alerts.status, assigneeId: alerts.assigneeId })
    .from(alerts)
    .where(
      and(
        eq(alerts.tenantId, tenantId),
        eq(alerts.leadId, leadId),
        inArray(alerts.status, ['open', 'claimed', 'assigned', 'acknowledged']),
      ),
    );
}

/** The agent linked to a GHL user id (`agent add --ghl-user`), if any. */
export async function agentByGhlUser(
  db: Executor,
  tenantId: string,
  ghlUserId: string,
): Promise<{ id: string } | undefined> {
  const [row] = await db
    .select({ id: agents.id })
    .from(agents)
    .where(and(eq(agents.tenantId, tenantId), eq(agents.ghlUserId, ghlUserId)))
    .limit(1);
  return row;
}
