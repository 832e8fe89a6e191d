import { and, asc, eq, gt } from 'drizzle-orm';
import type { AgentChange } from '../../../core/routing/simulation/agents-as-of.ts';
import type { Executor } from '../../client.ts';
import { auditLog } from '../../schema/index.ts';

/**
 * Every availability change made to the tenant's agents after `since`, from the audit trail
 * (`updateAgent` records each changed field before → after), oldest first.
 */
export async function agentChangesSince(db: Executor, tenantId: string, since: Date): Promise<AgentChange[]> {
  const rows = await db
    .select({ agentId: auditLog.entityId, at: auditLog.createdAt, data: auditLog.data })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.tenantId, tenantId),
        eq(auditLog.entity, 'agent'),
        eq(auditLog.action, 'settings_changed'),
        gt(auditLog.createdAt, since),
      ),
    )
    .orderBy(asc(auditLog.seq));
  return rows.map((r) => ({
    agentId: r.agentId,
    at: r.at,
    before: ((r.data as { before?: AgentChange['before'] }).before ?? {}) as AgentChange['before'],
  }));
}
