import type { EscalationStep } from '../../../core/alerts/escalation.ts';
import { escalationFor } from '../../../core/alerts/escalation-for.ts';
import type { PlannedDelivery } from '../../../core/alerts/planned-delivery.ts';
import type { RoutingRecord } from '../../../core/routing/routing-record.ts';
import type { Tx } from '../../client.ts';
import { recordAudit } from '../../queries/audit.ts';
import { lockAlert, type AlertRow } from '../../queries/alerts/get-alert.ts';
import { recordAssignments } from '../../queries/alerts/record-assignments.ts';
import { saveAlert } from '../../queries/alerts/save-alert.ts';
import { getTenant, listAgents, type Agent, type Tenant } from '../../queries/tenants.ts';
import { planAlertDeliveries, type PlanOptions } from '../deliveries/plan-alert-deliveries.ts';
import type { Reach } from '../deliveries/reach.ts';
import type { AlertDeps } from './alert-deps.ts';

const SYSTEM = { id: 'system', role: 'system' } as const;
const WAITING = ['open', 'claimed', 'assigned', 'acknowledged'];

export type EscalateAlertOutcome =
  | { outcome: 'escalated'; step: EscalationStep | 'snooze_ended'; level: number; deliveries: PlannedDelivery[] }
  /** Nothing was due (or the alert closed meanwhile); only its next deadline was recomputed. */
  | { outcome: 'not_due' };

/**
 * Fires the step an alert is due for, if any: the end of a snooze re-notifies whoever holds it;
 * an escalation rung re-notifies them, or reaches the managers (by SMS on the critical rung when
 * a manager has a phone). The deadline is recomputed from the tenant's office hours each time, so
 * a timer that reaches a closed evening waits for the morning.
 * @example await escalateAlert({ db, queue, clock, reach }, { tenantId, alertId })
 */
export async function escalateAlert(
  deps: AlertDeps & { reach: Reach },
  input: { tenantId: string; alertId: string },
): Promise<EscalateAlertOutcome> {
  return deps.db.transaction(async (tx) => {
    // Locked like any action, so a claim landing now either happens first (and we see it) or waits.
    const alert = await lockAlert(tx, input.tenantId, input.alertId);
    const tenant = alert && (await getTenant(tx, alert.tenantId));
    // Re-checked under the lock: it may have been closed between the scan and now.
    if (!alert || !tenant || !WAITING.includes(alert.status)) return { outcome: 'not_due' };
    const now = deps.clock.now();
    const team = (await listAgents(tx, tenant.id)).filter((a) => a.active);
    const managers = team.filter((a) => a.role === 'manager' || a.role === 'admin');
    const plan = (recipients: Agent[], options: PlanOptions) =>
      planAlertDeliveries(tx, deps, { tenant, alert, recipients, ignoreCaps: true, ...options });

    let next: AlertRow = alert;
    let fired: Extract<EscalateAlertOutcome, { outcome: 'escalated' }> | null = null;
    const snoozeEnded =
      alert.snoozedUntil !== null &&
      alert.snoozedUntil <= now &&
      (alert.lastEscalatedAt === null || alert.lastEscalatedAt < alert.snoozedUntil);
    if (snoozeEnded) {
      const deliveries = await plan(holders(alert, team, managers), {
        attemptTag: `snooze-${alert.snoozedUntil!.getTime()}`,
      });
      fired = { outcome: 'escalated', step: 'snooze_ended', level: alert.escalationLevel, deliveries };
      next = { ...alert, lastEscalatedAt: now };
    } else {
      const escalation = escalationFor(alert, tenant, deps.clock);
      if (escalation?.due) {
        const attemptTag = `esc${escalation.level}`;
        const deliveries =
          escalation.step === 're_notify'
            ? await plan(holders(alert, team, managers), { attemptTag })
            : escalation.step === 'manager_sms' && managers.some((m) => deps.reach(tenant, m).has('sms'))
              ? await plan(managers, { attemptTag, onlyChannels: ['sms'] })
              : // manager_channel, or an SMS rung for a team without SMS: the managers' own channels.
                await plan(managers, { attemptTag });
        fired = { outcome: 'escalated', step: escalation.step, level: escalation.level, deliveries };
        next = { ...alert, escalationLevel: escalation.level, lastEscalatedAt: now };
      }
    }
    if (fired) await recordStep(tx, tenant, alert, managers, fired);
    await saveAlert(
      tx,
      alert.id,
      {
        escalationLevel: next.escalationLevel,
        lastEscalatedAt: next.lastEscalatedAt,
        escalateAt: escalationFor(next, tenant, deps.clock)?.dueAt ?? null,
      },
      now,
    );
    return fired ?? { outcome: 'not_due' };
  });
}

async function recordStep(
  tx: Tx,
  tenant: Tenant,
  alert: AlertRow,
  managers: Agent[],
  fired: Extract<EscalateAlertOutcome, { outcome: 'escalated' }>,
): Promise<void> {
  const reason = `${fired.step} (waiting ${alert.status === 'open' ? 'for a claim' : 'for an acknowledgement'})`;
  await recordAudit(tx, {
    tenantId: tenant.id,
    entity: 'alert',
    entityId: alert.id,
    action: 'escalate',
    actor: SYSTEM.id,
    reason,
    data: { step: fired.step, level: fired.level, deliveries: fired.deliveries },
  });
  if (fired.step === 'snooze_ended' || fired.step === 're_notify') return;
  await recordAssignments(
    tx,
    managers.map((m) => ({
      tenantId: tenant.id,
      alertId: alert.id,
      agentId: m.id,
      kind: 'escalate',
      actorId: SYSTEM.id,
      reason,
    })),
  );
}

/** Who is waiting on this alert: its holder, else the agents it was offered to, else the managers. */
function holders(alert: AlertRow, team: Agent[], managers: Agent[]): Agent[] {
  if (alert.assigneeId) return team.filter((a) => a.id === alert.assigneeId);
  const offer = (alert.routing as RoutingRecord | null)?.offer;
  const offered = offer ? team.filter((a) => offer.agentIds.includes(a.id)) : [];
  return offered.length > 0 ? offered : managers;
}
