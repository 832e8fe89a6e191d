import { AppError, isAppError } from '../../../core/errors/app-error.ts';
import type { AlertActor } from '../../../core/alerts/alert-types.ts';
import type { AlertRow } from '../../queries/alerts/get-alert.ts';
import { actOnAlert } from './act-on-alert.ts';
import type { AlertDeps } from './alert-deps.ts';

/** What a manager may do to several alerts at once. */
export type BulkAlertAction =
  | { type: 'acknowledge' }
  | { type: 'dismiss' }
  | { type: 'snooze'; minutes?: number }
  | { type: 'assign'; targetAgentId: string };

export type BulkAlertOutcome =
  | { alertId: string; ok: true; alert: AlertRow }
  | { alertId: string; ok: false; code: string; message: string; details?: Record<string, unknown> };

/** A list page holds 10; Slack and Discord menus hold 25. More than that is not a selection a person made. */
export const MAX_BULK_ALERTS = 25;

const isManager = (actor: AlertActor) => actor.role === 'manager' || actor.role === 'admin';

/**
 * The same action on several alerts, one `actOnAlert` each, each in its own transaction with its
 * row lock: one alert refused (claimed meanwhile, already closed) never holds back or rolls back
 * the others, and every change brings its own follow-ups (a redraw of each posted copy, the
 * escalation timer, the GHL write-back). Permission comes before state: a non-manager is refused
 * as a whole, before any alert is read. A bulk assign takes only alerts nobody else holds: one
 * claimed by a colleague since the list was drawn is refused `already_claimed` naming them.
 * @example await actOnAlerts(deps, { tenantId, alertIds, action: { type: 'dismiss' }, actor })
 */
export async function actOnAlerts(
  deps: AlertDeps,
  input: { tenantId: string; alertIds: readonly string[]; action: BulkAlertAction; actor: AlertActor },
): Promise<BulkAlertOutcome[]> {
  if (!isManager(input.actor)) throw new AppError('forbidden', 'only a manager can act on several alerts at once');
  const alertIds = [...new Set(input.alertIds)];
  if (alertIds.length === 0) throw new AppError('bad_request', 'no alerts picked');
  if (alertIds.length > MAX_BULK_ALERTS)
    throw new AppError('bad_request', `at most ${MAX_BULK_ALERTS} alerts at once (got ${alertIds.length})`);
  const action = input.action.type === 'assign' ? { ...input.action, unheldOnly: true } : input.action;
  const outcomes: BulkAlertOutcome[] = [];
  // In turn, not in parallel: each takes one pooled connection and its row lock, as a single click would.
  for (const alertId of alertIds) {
    try {
      const alert = await actOnAlert(deps, { tenantId: input.tenantId, alertId, action, actor: input.actor });
      outcomes.push({ alertId, ok: true, alert });
    } catch (error) {
      if (!isAppError(error) || error.status >= 500) throw error;
      outcomes.push({ alertId, ok: false, code: error.code, message: error.message, details: error.details });
    }
  }
  return outcomes;
}
