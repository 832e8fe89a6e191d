import { and, desc, eq, ne } from 'drizzle-orm';
import { auditLog } from '../schema/index.ts';
import type { Executor } from '../client.ts';

export type AuditRow = typeof auditLog.$inferSelect;

export interface AuditEntry {
  tenantId: string;
  /** 'alert', 'lead', 'scoring_model' ... */
  entity: string;
  entityId: string;
  action: string;
  /** An agent id, 'system', 'routing', 'ghl' ... */
  actor: string;
  reason?: string | null;
  data?: Record<string, unknown>;
  /** When it happened by the app's clock; the database's now() when left out. */
  createdAt?: Date;
}

/**
 * The one way a row lands in the audit trail. Called inside the transaction of the change it
 * explains, so the trail never claims something that rolled back.
 * @example await recordAudit(tx, { tenantId, entity: 'alert', entityId: alert.id, action: 'claim', actor: agent.id })
 */
export async function recordAudit(db: Executor, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    tenantId: entry.tenantId,
    entity: entry.entity,
    entityId: entry.entityId,
    action: entry.action,
    actor: entry.actor,
    reason: entry.reason ?? null,
    data: entry.data ?? {},
    ...(entry.createdAt ? { createdAt: entry.createdAt } : {}),
  });
}

/** The latest thing someone did to an alert (its creation does not count): who the card says acted. */
export async function lastAlertAct(db: Executor, tenantId: string, alertId: string): Promise<AuditRow | undefined> {
  const [row] = await db
    .select()
    .from(auditLog)
    .where(
      and(
        eq(auditLog.tenantId, tenantId),
        eq(auditLog.entity, 'alert'),
        eq(auditLog.entityId, alertId),
        ne(auditLog.action, 'created'),
      ),
    )
    .orderBy(desc(auditLog.seq))
    .limit(1);
  return row;
}
