import { and, eq, inArray, isNotNull, isNull, lt, lte, or } from 'drizzle-orm';
import { alertAssignments, alerts, auditLog } from '../../db/schema/index.ts';
import { applyAlertAction } from '../../db/queries/alert-actions.ts';
import { getTenant, listAgents, type Agent } from '../../db/queries/tenants.ts';
import { isAppError } from '../../core/errors/app-error.ts';
import type { EscalationStep } from '../../core/alerts/escalation.ts';
import { defineHandler } from '../handler.ts';
import type { Runtime } from '../runtime.ts';
import { afterAlertAction, escalationFor } from '../../db/queries/alert-follow-up.ts';
import { planDeliveries, reachableChannels, type PlannedDelivery } from '../shared/plan-deliveries.ts';
import type { AlertRow } from '../../db/queries/alerts.ts';
import type { RoutingRecord } from '../shared/routing-record.ts';

const SYSTEM = { id: 'system', role: 'system' } as const;
const BATCH = 500;

/**
 * Every minute: expire alerts past `expires_at`, re-notify snoozed alerts whose snooze ended, and
 * move unclaimed / unacknowledged alerts one rung up the ladder once `escalate_at` has passed
 * (re-notify → managers → SMS to the managers for critical). The deadline is recomputed from the
 * tenant's office hours each time, so a timer that reaches a closed evening waits for the morning.
 */
export default defineHandler('alert.escalate', async (_data, { runtime }) => {
  const now = runtime.clock.now();
  const expiring = await runtime.db
    .select({ id: alerts.id, tenantId: alerts.tenantId })
    .from(alerts)
    .where(and(lte(alerts.expiresAt, now), inArray(alerts.status, ['open', 'claimed', 'assigned', 'acknowledged'])))
    .limit(BATCH);
  for (const { id, tenantId } of expiring) {
    await applyAlertAction(runtime.db, {
      tenantId,
      alertId: id,
      action: { type: 'expire', reason: 'expired before anyone acted' },
      actor: SYSTEM,
      clock: runtime.clock,
      after: afterAlertAction(runtime.queue, runtime.clock),
    }).catch((error) => {
      if (!isAppError(error) || error.code !== 'conflict') throw error;
    });
  }
  const due = await runtime.db
    .select({ id: alerts.id })
    .from(alerts)
    .where(
      and(
        inArray(alerts.status, ['open', 'claimed', 'assigned', 'acknowledged']),
        or(
          lte(alerts.escalateAt, now),
          and(
            isNotNull(alerts.snoozedUntil),
            lte(alerts.snoozedUntil, now),
            or(isNull(alerts.lastEscalatedAt), lt(alerts.lastEscalatedAt, alerts.snoozedUntil)),
          ),
        ),
      ),
    )
    .limit(BATCH);
  for (const { id } of due) await escalateOne(runtime, id);
});

async function escalateOne(runtime: Runtime, alertId: string): Promise<void> {
  await runtime.db.transaction(async (tx) => {
    // Locked like any action, so a claim landing now either happens first (and we see it) or waits.
    const [alert] = await tx.select().from(alerts).where(eq(alerts.id, alertId)).for('update');
    const tenant = alert && (await getTenant(tx, alert.tenantId));
    if (!alert || !tenant) return;
    // Re-checked under the lock: it may have been closed between the scan and now.
    if (!['open', 'claimed', 'assigned', 'acknowledged'].includes(alert.status)) return;
    const now = runtime.clock.now();
    const team = (await listAgents(tx, tenant.id)).filter((a) => a.active);
    const managers = team.filter((a) => a.role === 'manager' || a.role === 'admin');
    let next: AlertRow = alert;
    let fired: { step: EscalationStep | 'snooze_ended'; level: number; planned: PlannedDelivery[] } | null = null;

    const snoozeEnded =
      alert.snoozedUntil !== null &&
      alert.snoozedUntil <= now &&
      (alert.lastEscalatedAt === null || alert.lastEscalatedAt < alert.snoozedUntil);
    if (snoozeEnded) {
      const planned = await planDeliveries(tx, runtime, {
        tenant,
        alert,
        recipients: holders(alert, team, managers),
        attemptTag: `snooze-${alert.snoozedUntil!.getTime()}`,
        ignoreCaps: true,
      });
      fired = { step: 'snooze_ended', level: alert.escalationLevel, planned };
      next = { ...alert, lastEscalatedAt: now };
    } else {
      const escalation = escalationFor(alert, tenant, runtime.clock);
      if (escalation?.due) {
        const tag = `esc${escalation.level}`;
        let planned: PlannedDelivery[];
        if (escalation.step === 're_notify') {
          planned = await planDeliveries(tx, runtime, {
            tenant,
            alert,
            recipients: holders(alert, team, managers),
            attemptTag: tag,
            ignoreCaps: true,
          });
        } else if (
          escalation.step === 'manager_sms' &&
          managers.some((m) => reachableChannels(runtime, tenant, m).has('sms'))
        ) {
          planned = await planDeliveries(tx, runtime, {
            tenant,
            alert,
            recipients: managers,
            attemptTag: tag,
            ignoreCaps: true,
            onlyChannels: ['sms'],
          });
        } else {
          // manager_channel, or an SMS rung for a team without SMS: the managers' own channels.
          planned = await planDeliveries(tx, runtime, {
            tenant,
            alert,
            recipients: managers,
            attemptTag: tag,
            ignoreCaps: true,
          });
        }
        fired = { step: escalation.step, level: escalation.level, planned };
        next = { ...alert, escalationLevel: escalation.level, lastEscalatedAt: now };
      }
    }
    if (fired) {
      const reason = `${fired.step} (waiting ${alert.status === 'open' ? 'for a claim' : 'for an acknowledgement'})`;
      await tx.insert(auditLog).values({
        tenantId: tenant.id,
        entity: 'alert',
        entityId: alert.id,
        action: 'escalate',
        actor: SYSTEM.id,
        reason,
        data: { step: fired.step, level: fired.level, deliveries: fired.planned },
      });
      if (fired.step !== 'snooze_ended' && fired.step !== 're_notify') {
        await tx.insert(alertAssignments).values(
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
    }
    const following = escalationFor(next, tenant, runtime.clock);
    await tx
      .update(alerts)
      .set({
        escalationLevel: next.escalationLevel,
        lastEscalatedAt: next.lastEscalatedAt,
        escalateAt: following?.dueAt ?? null,
        updatedAt: now,
      })
      .where(eq(alerts.id, alert.id));
  });
}

/** Who is waiting on this alert: its holder, else the agents it was offered to, else the managers. */
function holders(alert: AlertRow, team: Agent[], managers: Agent[]): Agent[] {
  if (alert.assigneeId) return team.filter((a) => a.id === alert.assigneeId);
  const offer = (alert.routing as RoutingRecord | null)?.offer;
  const offered = offer ? team.filter((a) => offer.agentIds.includes(a.id)) : [];
  return offered.length > 0 ? offered : managers;
}
