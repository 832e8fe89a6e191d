import { and, asc, eq } from 'drizzle-orm';
import { alertAssignments, alerts, auditLog, deliveries } from '../../schema/index.ts';
import type { Executor } from '../../client.ts';
import type { AuditRow } from '../audit.ts';
import type { DeliveryRow } from '../deliveries/get-delivery.ts';
import type { AlertRow } from './get-alert.ts';
import type { AssignmentRow } from './record-assignments.ts';

export interface AlertDetail {
  alert: AlertRow;
  deliveries: DeliveryRow[];
  assignments: AssignmentRow[];
  audit: AuditRow[];
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
