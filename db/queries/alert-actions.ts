import { and, eq } from 'drizzle-orm';
import { alertAssignments, alerts, agents, auditLog } from '../schema/index.ts';
import type { Db } from '../client.ts';
import { transitionAlert } from '../../core/alerts/transition-alert.ts';
import type { AlertAction, AlertActor } from '../../core/alerts/alert-types.ts';
import { AppError, isAppError } from '../../core/errors/app-error.ts';
import type { Clock } from '../../core/time/clock.ts';
import type { AlertRow } from './alerts.ts';

export interface ApplyAlertActionInput {
  tenantId: string;
  alertId: string;
  action: AlertAction;
  actor: AlertActor;
  clock: Clock;
  /** Runs inside the same transaction after the update (enqueue follow-up jobs here). */
  after?: (tx: Parameters<Parameters<Db['transaction']>[0]>[0], alert: AlertRow, previous: AlertRow) => Promise<void>;
}

/**
 * Applies one life-cycle action exactly once. The alert row is locked (`FOR UPDATE`) for the
 * read-decide-write, so of many claims arriving in the same millisecond the first to take the lock
 * wins and every other one re-reads the claimed row and is refused with `already_claimed`
 * naming the winner. The transition rules themselves live in core (transitionAlert).
 */
export async function applyAlertAction(db: Db, input: ApplyAlertActionInput): Promise<AlertRow> {
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(alerts)
      .where(and(eq(alerts.tenantId, input.tenantId), eq(alerts.id, input.alertId)))
      .for('update');
    if (!current) throw new AppError('not_found', `No alert ${input.alertId}`);
    if (input.action.type === 'assign') {
      const [target] = await tx
        .select({ id: agents.id })
        .from(agents)
        .where(and(eq(agents.tenantId, input.tenantId), eq(agents.id, input.action.targetAgentId)));
      if (!target) throw new AppError('not_found', `No agent ${input.action.targetAgentId} in this team`);
    }
    let next: AlertRow;
    let audit: ReturnType<typeof transitionAlert>['audit'];
    try {
      ({ alert: next, audit } = transitionAlert<AlertRow>(current, input.action, input.actor, input.clock));
    } catch (error) {
      if (isAppError(error) && error.code === 'already_claimed' && current.assigneeId) {
        const [holder] = await tx
          .select({ name: agents.name, slack: agents.slackUserId, discord: agents.discordUserId })
          .from(agents)
          .where(eq(agents.id, current.assigneeId));
        throw new AppError('already_claimed', `Already claimed by ${holder?.name ?? 'another agent'}`, {
          assigneeId: current.assigneeId,
          assigneeName: holder?.name,
          slackUserId: holder?.slack,
          discordUserId: holder?.discord,
        });
      }
      throw error;
    }
    const now = input.clock.now();
    const [updated] = await tx
      .update(alerts)
      .set({
        status: next.status,
        assigneeId: next.assigneeId,
        claimedAt: next.claimedAt,
        acknowledgedAt: next.acknowledgedAt,
        contactedAt: next.contactedAt,
        closedAt: next.closedAt,
        snoozedUntil: next.snoozedUntil,
        escalationLevel: next.escalationLevel,
        updatedAt: now,
      })
      .where(eq(alerts.id, current.id))
      .returning();
    if (audit.action === 'claim' || audit.action === 'assign') {
      await tx.insert(alertAssignments).values({
        tenantId: input.tenantId,
        alertId: current.id,
        agentId: updated.assigneeId,
        kind: audit.action,
        actorId: input.actor.id,
        reason: audit.reason,
      });
    }
    await tx.insert(auditLog).values({
      tenantId: input.tenantId,
      entity: 'alert',
      entityId: current.id,
      action: audit.action,
      actor: input.actor.id,
      reason: audit.reason,
      data: { from: audit.from, to: audit.to, role: input.actor.role, targetAgentId: audit.targetAgentId },
    });
    await input.after?.(tx, updated, current);
    return updated;
  });
}
