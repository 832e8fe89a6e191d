import { alertAssignments } from '../../schema/index.ts';
import type { Executor } from '../../client.ts';

export type AssignmentRow = typeof alertAssignments.$inferSelect;

export interface AssignmentEntry {
  tenantId: string;
  alertId: string;
  agentId: string | null;
  /** offer | claim | assign | route | pass | escalate */
  kind: string;
  actorId: string;
  reason?: string | null;
  expiresAt?: Date | null;
}

/** Who an alert was offered, given or escalated to (or who passed on it): its hand-over history. */
export async function recordAssignments(db: Executor, entries: AssignmentEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await db.insert(alertAssignments).values(
    entries.map((e) => ({
      tenantId: e.tenantId,
      alertId: e.alertId,
      agentId: e.agentId,
      kind: e.kind,
      actorId: e.actorId,
      reason: e.reason ?? null,
      expiresAt: e.expiresAt ?? null,
    })),
  );
}
