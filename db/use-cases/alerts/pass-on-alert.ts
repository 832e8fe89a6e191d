import { recordAudit } from '../../queries/audit.ts';
import { recordAssignments } from '../../queries/alerts/record-assignments.ts';
import type { AlertDeps } from './alert-deps.ts';
import { LANE_PRIORITY } from '../../../core/inbound/job-lane.ts';

/**
 * An agent said "no" to an alert offered to them (a "2" to an SMS alert). Kept in the alert's
 * hand-over history, so routing and escalation can skip them, and shown on every copy.
 * @example await passOnAlert({ db, queue }, { tenantId, alertId, agentId, reason: 'passed by SMS' })
 */
export async function passOnAlert(
  deps: Pick<AlertDeps, 'db' | 'queue'>,
  input: { tenantId: string; alertId: string; agentId: string; reason: string },
): Promise<void> {
  await deps.db.transaction(async (tx) => {
    await recordAssignments(tx, [
      {
        tenantId: input.tenantId,
        alertId: input.alertId,
        agentId: input.agentId,
        kind: 'pass',
        actorId: input.agentId,
        reason: input.reason,
      },
    ]);
    await recordAudit(tx, {
      tenantId: input.tenantId,
      entity: 'alert',
      entityId: input.alertId,
      action: 'pass',
      actor: input.agentId,
      reason: input.reason,
    });
    await deps.queue.enqueue(
      'alert.refresh',
      { tenantId: input.tenantId, alertId: input.alertId },
      { tx, priority: LANE_PRIORITY.fast },
    );
  });
}
