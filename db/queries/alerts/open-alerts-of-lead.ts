import { and, desc, eq, notInArray } from 'drizzle-orm';
import { TERMINAL_STATUSES } from '../../../core/alerts/alert-types.ts';
import type { Executor } from '../../client.ts';
import { alerts } from '../../schema/index.ts';

export interface LeadAlertState {
  id: string;
  status: string;
  assigneeId: string | null;
}

/** A lead's alerts that are not closed yet, the most recently moved first. */
export async function openAlertsOfLead(db: Executor, tenantId: string, leadId: string): Promise<LeadAlertState[]> {
  return db
    .select({ id: alerts.id, status: alerts.status, assigneeId: alerts.assigneeId })
    .from(alerts)
    .where(
      and(eq(alerts.tenantId, tenantId), eq(alerts.leadId, leadId), notInArray(alerts.status, [...TERMINAL_STATUSES])),
    )
    .orderBy(desc(alerts.updatedAt), desc(alerts.createdAt));
}
