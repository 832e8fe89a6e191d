import { escalationFor } from '../../../core/alerts/escalation-for.ts';
import { transitionAlert } from '../../../core/alerts/transition-alert.ts';
import type { AlertAction, AlertActor } from '../../../core/alerts/alert-types.ts';
import { writebackForStatus } from '../../../core/alerts/writeback-for-status.ts';
import { AppError, isAppError } from '../../../core/errors/app-error.ts';
import type { Tx } from '../../client.ts';
import { recordAudit } from '../../queries/audit.ts';
import { enqueueAlertWriteback } from '../../queries/alerts/alert-writeback.ts';
import { lockAlert, type AlertRow } from '../../queries/alerts/get-alert.ts';
import { recordAssignments } from '../../queries/alerts/record-assignments.ts';
import { saveAlert } from '../../queries/alerts/save-alert.ts';
import { getAgent, getTenant } from '../../queries/tenants.ts';
import { assertTeamAgents } from '../agents/assert-team-agents.ts';
import type { AlertDeps } from './alert-deps.ts';
import { openAlertsOfLead } from '../../queries/alerts/open-alerts-of-lead.ts';
import { LANE_PRIORITY } from '../../../core/inbound/job-lane.ts';

const SYSTEM = { id: 'system', role: 'system' } as const;

export interface ActOnAlertInput {
  tenantId: string;
  alertId: string;
  action: AlertAction;
  actor: AlertActor;
}

/** Follow-ups a caller may switch off, by name; each one is on unless said otherwise. */
export interface ActOnAlertOptions {
  /** False for a change GHL itself reported (a contact typed in GHL): telling GHL back would echo it. */
  writeBackToGhl?: boolean;
}

/**
 * The one way an alert moves through its life cycle (claim, assign, acknowledge, snooze, dismiss,
 * contact, win, lose, expire), whichever door the request came through. The row is locked
 * (`FOR UPDATE`) for the read-decide-write, so of many claims arriving in the same millisecond the
 * first to take the lock wins and every other one re-reads the claimed row and is refused with
 * `already_claimed` naming the winner. In the same transaction: the escalation deadline moves (a
 * claim starts the wait for an acknowledgement; an acknowledgement stops it), every posted copy is
 * queued for a redraw (`alert.refresh`) and GHL hears about assignments and outcomes.
 * @example await actOnAlert({ db, queue, clock }, { tenantId, alertId, action: { type: 'claim' }, actor })
 */
export async function actOnAlert(
  deps: AlertDeps,
  input: ActOnAlertInput,
  options: ActOnAlertOptions = {},
): Promise<AlertRow> {
  return deps.db.transaction(async (tx) => {
    const current = await lockAlert(tx, input.tenantId, input.alertId);
    if (!current) throw new AppError('not_found', `No alert ${input.alertId}`);
    if (input.action.type === 'assign')
      await assertTeamAgents(tx, input.tenantId, { targetAgentId: input.action.targetAgentId });
    const { alert: next, audit } = await decide(tx, current, input, deps);
    const tenant = await getTenant(tx, input.tenantId);
    const escalation = tenant ? escalationFor(next, tenant, deps.clock) : null;
    const updated = await saveAlert(
      tx,
      current.id,
      {
        status: next.status,
        assigneeId: next.assigneeId,
        claimedAt: next.claimedAt,
        acknowledgedAt: next.acknowledgedAt,
        contactedAt: next.contactedAt,
        closedAt: next.closedAt,
        snoozedUntil: next.snoozedUntil,
        escalationLevel: next.escalationLevel,
        ...(tenant ? { escalateAt: escalation?.dueAt ?? null } : {}),
      },
      deps.clock.now(),
    );
    if (audit.action === 'claim' || audit.action === 'assign') {
      await recordAssignments(tx, [
        {
          tenantId: input.tenantId,
          alertId: current.id,
          agentId: updated.assigneeId,
          kind: audit.action,
          actorId: input.actor.id,
          reason: audit.reason,
        },
      ]);
    }
    await recordAudit(tx, {
      tenantId: input.tenantId,
      entity: 'alert',
      entityId: current.id,
      action: audit.action,
      actor: input.actor.id,
      reason: audit.reason,
      data: { from: audit.from, to: audit.to, role: input.actor.role, targetAgentId: audit.targetAgentId },
    });
    await followUp(tx, deps, { previous: current, updated }, options);
    return updated;
  });
}

/**
 * What every change brings with it, queued in its own transaction (so a refused or rolled-back
 * change queues nothing): a redraw of every posted copy and, for an assignment or an outcome, the
 * GHL write-back in the owner's name. The escalation deadline was moved with the row itself.
 */
async function followUp(
  tx: Tx,
  deps: AlertDeps,
  change: { previous: AlertRow; updated: AlertRow },
  options: ActOnAlertOptions,
): Promise<void> {
  const { previous, updated } = change;
  // Everyone looking at a copy should see who has it now: the fast lane.
  await deps.queue.enqueue(
    'alert.refresh',
    { tenantId: updated.tenantId, alertId: updated.id },
    { tx, priority: LANE_PRIORITY.fast },
  );
  // A deal's outcome is the lead's: nobody should keep chasing a lead who just bought (or walked away).
  if ((updated.status === 'won' || updated.status === 'lost') && previous.status !== updated.status && updated.leadId)
    await dismissOtherAlertsOfLead(tx, deps, updated);
  const writeback = options.writeBackToGhl === false ? null : writebackForStatus(previous, updated);
  const owner = writeback && updated.assigneeId ? await getAgent(tx, updated.tenantId, updated.assigneeId) : undefined;
  if (writeback && owner)
    await enqueueAlertWriteback(tx, deps.queue, {
      tenantId: updated.tenantId,
      alert: updated,
      action: writeback,
      agent: owner,
    });
}

/** The core decides; a refused claim is re-thrown naming the holder, so every door can say who has it. */
async function decide(tx: Tx, current: AlertRow, input: ActOnAlertInput, deps: AlertDeps) {
  try {
    return transitionAlert<AlertRow>(current, input.action, input.actor, deps.clock);
  } catch (error) {
    if (!isAppError(error) || error.code !== 'already_claimed' || !current.assigneeId) throw error;
    const holder = await getAgent(tx, input.tenantId, current.assigneeId);
    throw new AppError('already_claimed', `Already claimed by ${holder?.name ?? 'another agent'}`, {
      assigneeId: current.assigneeId,
      assigneeName: holder?.name,
      slackUserId: holder?.slackUserId,
      discordUserId: holder?.discordUserId,
    });
  }
}

/**
 * The lead's other open alerts, dismissed saying why, each in its own savepoint through this same
 * path (so every copy is redrawn); one someone closed meanwhile is skipped.
 */
async function dismissOtherAlertsOfLead(tx: Tx, deps: AlertDeps, closed: AlertRow): Promise<void> {
  const reason = `deal ${closed.status} on alert #${closed.id}`;
  for (const other of await openAlertsOfLead(tx, closed.tenantId, closed.leadId!)) {
    if (other.id === closed.id) continue;
    try {
      const action = { type: 'dismiss', reason } as const;
      await actOnAlert({ ...deps, db: tx }, { tenantId: closed.tenantId, alertId: other.id, action, actor: SYSTEM });
    } catch (error) {
      if (!isAppError(error)) throw error;
    }
  }
}
