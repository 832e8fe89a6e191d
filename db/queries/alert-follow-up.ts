import { eq } from 'drizzle-orm';
import { alerts } from '../schema/index.ts';
import type { Tx } from '../client.ts';
import type { AlertRow } from './alerts.ts';
import { getTenant, type Tenant } from './tenants.ts';
import { EscalationPolicy, nextEscalation, type Escalation } from '../../core/alerts/escalation.ts';
import { WorkingHours, type ZonedHours } from '../../core/alerts/working-hours.ts';
import type { Clock } from '../../core/time/clock.ts';
import type { JobQueue } from '../../jobs/queue.ts';
import { agents } from '../schema/index.ts';
import { enqueueAlertWriteback, type AlertWritebackAction } from './alert-writeback.ts';

/** Which status changes are decisions GHL should hear about. */
const WRITEBACK: Partial<Record<AlertRow['status'], AlertWritebackAction>> = {
  claimed: { type: 'claim' },
  assigned: { type: 'assign' },
  won: { type: 'win' },
  lost: { type: 'lose' },
};

const ALWAYS: WorkingHours = Object.fromEntries(
  ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, ['00:00', '24:00']]),
);

/**
 * The tenant's office hours (`settings.officeHours`, e.g. {"mon":["08:00","18:00"],...} in the
 * tenant's zone). Without them escalation timers never pause.
 */
export function officeHours(tenant: Tenant): ZonedHours {
  const parsed = WorkingHours.safeParse((tenant.settings as Record<string, unknown>).officeHours);
  const hours = parsed.success && Object.values(parsed.data).some(Boolean) ? parsed.data : ALWAYS;
  return { timezone: tenant.timezone, hours };
}

export function escalationPolicy(tenant: Tenant): EscalationPolicy {
  const parsed = EscalationPolicy.safeParse((tenant.settings as Record<string, unknown>).escalation ?? {});
  return parsed.success ? parsed.data : {};
}

/** The next rung for this alert as it stands now, or null when nothing is waiting. */
export function escalationFor(alert: AlertRow, tenant: Tenant, clock: Clock): Escalation | null {
  return nextEscalation(alert, officeHours(tenant), clock, escalationPolicy(tenant));
}

/**
 * The follow-up every life-cycle action needs, in the action's own transaction: move the
 * escalation deadline (a claim starts the wait for an acknowledgement; an acknowledgement stops
 * it) and re-render every posted copy. Pass it as `applyAlertAction`'s `after` hook.
 * @example await applyAlertAction(db, { ..., after: afterAlertAction(runtime.queue, runtime.clock) })
 */
export function afterAlertAction(queue: JobQueue, clock: Clock) {
  return async (tx: Tx, alert: AlertRow, previous?: AlertRow): Promise<void> => {
    const tenant = await getTenant(tx, alert.tenantId);
    if (tenant) {
      const next = escalationFor(alert, tenant, clock);
      await tx
        .update(alerts)
        .set({ escalateAt: next?.dueAt ?? null })
        .where(eq(alerts.id, alert.id));
    }
    await queue.enqueue('alert.refresh', { tenantId: alert.tenantId, alertId: alert.id }, { tx });
    // Every decision also lands in GHL (assignment, outcome), in the same transaction.
    const writeback = WRITEBACK[alert.status];
    const changed = !previous || previous.status !== alert.status || previous.assigneeId !== alert.assigneeId;
    if (writeback && changed && alert.assigneeId) {
      const [agent] = await tx
        .select({ id: agents.id, name: agents.name, ghlUserId: agents.ghlUserId })
        .from(agents)
        .where(eq(agents.id, alert.assigneeId));
      if (agent) await enqueueAlertWriteback(tx, queue, { tenantId: alert.tenantId, alert, action: writeback, agent });
    }
  };
}
