import { AppError } from '../errors/app-error.ts';
import type { Clock } from '../time/clock.ts';
import {
  ALERT_TRANSITIONS,
  AlertAction,
  TERMINAL_STATUSES,
  type AlertActor,
  type AlertAuditEntry,
  type AlertLifecycle,
  type AlertStatus,
} from './alert-types.ts';

const isManager = (actor: AlertActor): boolean => actor.role === 'manager' || actor.role === 'admin';
const isSystem = (actor: AlertActor): boolean => actor.role === 'system';

/**
 * Validates one life-cycle step and returns the alert's new state plus its audit entry.
 * Throws `already_claimed` when someone else holds the alert, `forbidden` when the actor may not
 * act (an agent assigning someone else), `conflict` when the step is illegal from this status.
 * Exactly-once under concurrency is the database's job (a conditional UPDATE on the old status);
 * this function only says whether the step is allowed.
 * @example const { alert: next, audit } = transitionAlert(alert, { type: 'claim' }, { id: 'ag_1', role: 'agent' }, clock)
 */
export function transitionAlert<T extends AlertLifecycle>(
  alert: T,
  actionInput: AlertAction,
  actor: AlertActor,
  clock: Clock,
): { alert: T; audit: AlertAuditEntry } {
  const action = AlertAction.parse(actionInput);
  const rule = ALERT_TRANSITIONS[action.type];
  const from = alert.status;
  const holder = alert.assigneeId;
  const isHolder = holder !== null && holder === actor.id;

  // Permission before state: whoever may not assign hears 403, whatever the alert is doing.
  if (action.type === 'assign' && !isManager(actor) && !isSystem(actor) && action.targetAgentId !== actor.id) {
    throw new AppError('forbidden', 'only a manager can assign an alert to someone else');
  }
  if (TERMINAL_STATUSES.includes(from)) {
    throw new AppError('conflict', `alert ${alert.id} is already ${from}`, { status: from });
  }
  if (action.type === 'claim' && holder !== null && from !== 'open') {
    throw new AppError('already_claimed', `alert ${alert.id} is already claimed by ${holder}`, { assigneeId: holder });
  }
  // A bulk assign drawn from a list must not take an alert someone claimed since the list was drawn.
  if (action.type === 'assign' && action.unheldOnly && holder !== null && holder !== action.targetAgentId) {
    throw new AppError('already_claimed', `alert ${alert.id} is already claimed by ${holder}`, { assigneeId: holder });
  }
  if (action.type === 'assign' && !isManager(actor) && !isSystem(actor)) {
    if (holder !== null && !isHolder) {
      throw new AppError('already_claimed', `alert ${alert.id} is already claimed by ${holder}`, {
        assigneeId: holder,
      });
    }
  }
  if (!rule.from.includes(from)) {
    throw new AppError('conflict', `cannot ${action.type} an alert that is ${from}`, { status: from });
  }
  assertAllowed(action.type, actor, isHolder);

  const now = clock.now();
  const to: AlertStatus = rule.to === 'same' ? from : rule.to;
  const next: T = { ...alert, status: to };
  let targetAgentId: string | undefined;
  switch (action.type) {
    case 'claim':
      Object.assign(next, { assigneeId: actor.id, claimedAt: now, escalationLevel: 0, snoozedUntil: null });
      break;
    case 'assign':
      targetAgentId = action.targetAgentId;
      Object.assign(next, { assigneeId: action.targetAgentId, claimedAt: now, escalationLevel: 0, snoozedUntil: null });
      break;
    case 'acknowledge':
      Object.assign(next, { acknowledgedAt: now, escalationLevel: 0 });
      break;
    case 'contact':
      // Speed-to-lead is measured to the first contact; later ones do not move it.
      Object.assign(next, { contactedAt: alert.contactedAt ?? now });
      break;
    case 'snooze':
      Object.assign(next, { snoozedUntil: new Date(now.getTime() + action.minutes * 60_000) });
      break;
    default:
      Object.assign(next, { closedAt: now });
  }
  const reason = action.reason ?? defaultReason(action.type, actor, targetAgentId);
  return {
    alert: next,
    audit: { alertId: alert.id, action: action.type, actor, reason, from, to, targetAgentId, at: now },
  };
}

function assertAllowed(type: AlertAction['type'], actor: AlertActor, isHolder: boolean): void {
  switch (type) {
    case 'claim':
      if (isSystem(actor)) throw new AppError('forbidden', 'only a person can claim an alert');
      return;
    case 'assign':
      return;
    case 'acknowledge':
      // A manager triaging the queue may acknowledge for the holder: the escalation ladder stops, and the audit
      // trail names the manager, not the agent.
      if (!isHolder && !isManager(actor))
        throw new AppError('forbidden', 'only the agent holding the alert or a manager can acknowledge it');
      return;
    case 'expire':
      if (!isSystem(actor)) throw new AppError('forbidden', 'alerts expire on their own; dismiss it instead');
      return;
    case 'snooze':
      if (!isHolder && !isManager(actor))
        throw new AppError('forbidden', 'only the agent holding the alert or a manager can snooze it');
      return;
    default:
      if (!isHolder && !isManager(actor) && !isSystem(actor)) {
        throw new AppError('forbidden', `only the agent holding the alert or a manager can ${type} it`);
      }
  }
}

function defaultReason(type: AlertAction['type'], actor: AlertActor, target?: string): string {
  if (type === 'assign') return `assigned to ${target} by ${actor.id}`;
  return `${type} by ${actor.id}`;
}
