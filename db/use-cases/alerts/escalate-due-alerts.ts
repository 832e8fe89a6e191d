import { isAppError } from '../../../core/errors/app-error.ts';
import { alertsDueForEscalation, alertsPastExpiry } from '../../queries/alerts/due-alerts.ts';
import type { Reach } from '../deliveries/reach.ts';
import type { AlertDeps } from './alert-deps.ts';
import { actOnAlert } from './act-on-alert.ts';
import { escalateAlert } from './escalate-alert.ts';

const SYSTEM = { id: 'system', role: 'system' } as const;
/** Alerts handled per pass; the cron runs every minute, so a backlog drains over a few passes. */
const BATCH = 500;

/**
 * One pass of the escalation clock: alerts past `expires_at` expire (with every follow-up an
 * action has), and alerts whose escalation deadline passed or whose snooze ended take their next
 * step. Each alert is its own transaction, so one failure does not hold back the rest.
 * @example await escalateDueAlerts({ db, queue, clock, reach })
 */
export async function escalateDueAlerts(
  deps: AlertDeps & { reach: Reach },
): Promise<{ expired: number; escalated: number }> {
  const now = deps.clock.now();
  let expired = 0;
  for (const { id, tenantId } of await alertsPastExpiry(deps.db, now, BATCH)) {
    const action = { type: 'expire', reason: 'expired before anyone acted' } as const;
    await actOnAlert(deps, { tenantId, alertId: id, action, actor: SYSTEM }).then(
      () => expired++,
      (error) => {
        // Closed by someone between the scan and the lock: nothing left to expire.
        if (!isAppError(error) || error.code !== 'conflict') throw error;
      },
    );
  }
  let escalated = 0;
  for (const { id, tenantId } of await alertsDueForEscalation(deps.db, now, BATCH)) {
    const step = await escalateAlert(deps, { tenantId, alertId: id });
    if (step.outcome === 'escalated') escalated++;
  }
  return { expired, escalated };
}
