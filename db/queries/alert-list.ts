import { and, asc, desc, eq, inArray, lt, or, type SQL } from 'drizzle-orm';
import { alertAssignments, alerts, auditLog, deliveries } from '../schema/index.ts';
import type { Executor } from '../client.ts';
import type { AlertRow } from './alerts.ts';

export interface AlertCursor {
  createdAt: string;
  id: string;
}

export interface AlertListFilter {
  statuses?: string[];
  leadId?: string;
  kinds?: string[];
  priorities?: string[];
  /** Assignee agent id. */
  agentId?: string;
  after?: AlertCursor;
  limit: number;
}

/** A date Postgres can store: JavaScript accepts years Postgres rejects (±100000). */
export function isPostgresDate(text: string): boolean {
  const t = Date.parse(text);
  if (Number.isNaN(t)) return false;
  const year = new Date(t).getUTCFullYear();
  return year >= 1 && year <= 9999;
}

export const encodeAlertCursor = (c: AlertCursor) =>
  Buffer.from(JSON.stringify([c.createdAt, c.id])).toString('base64url');

export function decodeAlertCursor(text: string): AlertCursor | undefined {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown[];
    return typeof createdAt === 'string' && typeof id === 'string' && isPostgresDate(createdAt)
      ? { createdAt, id }
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * One page of a tenant's alerts, newest first. Keyset pagination on (created_at desc, id desc),
 * so alerts raised while someone pages through never shift or repeat a page.
 */
export async function listAlerts(
  db: Executor,
  tenantId: string,
  filter: AlertListFilter,
): Promise<{ rows: AlertRow[]; next: AlertCursor | null }> {
  const where: SQL[] = [eq(alerts.tenantId, tenantId)];
  if (filter.statuses?.length) where.push(inArray(alerts.status, filter.statuses as AlertRow['status'][]));
  if (filter.kinds?.length) where.push(inArray(alerts.kind, filter.kinds));
  if (filter.priorities?.length) where.push(inArray(alerts.priority, filter.priorities as AlertRow['priority'][]));
  if (filter.leadId) where.push(eq(alerts.leadId, filter.leadId));
  if (filter.agentId) where.push(eq(alerts.assigneeId, filter.agentId));
  if (filter.after) {
    const at = new Date(filter.after.createdAt);
    where.push(or(lt(alerts.createdAt, at), and(eq(alerts.createdAt, at), lt(alerts.id, filter.after.id)))!);
  }
  const rows = await db
    .select()
    .from(alerts)
    .where(and(...where))
    .orderBy(desc(alerts.createdAt), desc(alerts.id))
    .limit(filter.limit + 1);
  const page = rows.slice(0, filter.limit);
  const last = page.at(-1);
  return {
    rows: page,
    next: rows.length > filter.limit && last ? { createdAt: last.createdAt.toISOString(), id: last.id } : null,
  };
}

export interface AlertDetail {
  alert: AlertRow;
  deliveries: Array<typeof deliveries.$inferSelect>;
  assignments: Array<typeof alertAssignments.$inferSelect>;
  audit: Array<typeof auditLog.$inferSelect>;
}

/** One alert with everything that happened to it; undefined for another tenant's alert. */
export async function getAlertDetail(
  db: Executor,
  tenantId: string,
  alertId: string,
): Promise<AlertDetail | undefined> {
  const [alert] = await db
    .select()
    .from(alerts)
    .where(and(eq(alerts.tenantId, tenantId), eq(alerts.id, alertId)));
  if (!alert) return undefined;
  const [sent, assignments, audit] = await Promise.all([
    db
      .select()
      .from(deliveries)
      .where(and(eq(deliveries.tenantId, tenantId), eq(deliveries.alertId, alertId)))
      .orderBy(asc(deliveries.createdAt), asc(deliveries.id)),
    db
      .select()
      .from(alertAssignments)
      .where(and(eq(alertAssignments.tenantId, tenantId), eq(alertAssignments.alertId, alertId)))
      .orderBy(asc(alertAssignments.createdAt), asc(alertAssignments.id)),
    db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.tenantId, tenantId), eq(auditLog.entity, 'alert'), eq(auditLog.entityId, alertId)))
      .orderBy(asc(auditLog.seq)),
  ]);
  return { alert, deliveries: sent, assignments, audit };
}
