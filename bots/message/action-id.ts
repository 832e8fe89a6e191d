/**
 * Alert buttons carry their meaning in the action id (`alert:claim:12`) because Discord keeps
 * only a custom_id per component: the id alone must say what to do to which alert.
 */

export const ALERT_ACTIONS = ['claim', 'assign', 'acknowledge', 'snooze', 'dismiss', 'send', 'win', 'lose'] as const;
export type AlertActionName = (typeof ALERT_ACTIONS)[number];

export interface AlertAction {
  action: AlertActionName;
  alertId: string;
}

const ALERT_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** `alertActionId('claim', '12')` → `'alert:claim:12'` */
export function alertActionId(action: AlertActionName, alertId: string): string {
  return `alert:${action}:${alertId}`;
}

/** The inverse of `alertActionId`; `null` for anything that is not one of ours (never throws). */
export function parseActionId(actionId: string): AlertAction | null {
  const [scope, action, alertId, ...rest] = actionId.split(':');
  if (scope !== 'alert' || rest.length > 0 || alertId === undefined) return null;
  if (!(ALERT_ACTIONS as readonly string[]).includes(action)) return null;
  if (!ALERT_ID.test(alertId)) return null;
  return { action: action as AlertActionName, alertId };
}

export function isAlertId(text: string): boolean {
  return ALERT_ID.test(text);
}

/** The word a terminal user types for each action (`ack 12` reads better than `acknowledge 12`). */
export const TERMINAL_VERB: Record<AlertActionName, string> = {
  claim: 'claim',
  assign: 'assign',
  acknowledge: 'ack',
  snooze: 'snooze',
  dismiss: 'dismiss',
  send: 'send',
  win: 'won',
  lose: 'lost',
};

/**
 * The terminal command equivalent to pressing a button or picking a select option, so a numbered
 * choice and a typed line take the same path through `parseCommand`.
 * @example terminalCommandFor('alert:assign:12', 'maria') // 'assign 12 maria'
 */
export function terminalCommandFor(actionId: string, selectedValue?: string): string | null {
  const parsed = parseActionId(actionId);
  if (!parsed) return null;
  const base = `${TERMINAL_VERB[parsed.action]} ${parsed.alertId}`;
  return parsed.action === 'assign' ? `${base} ${selectedValue ?? '<agent>'}` : base;
}
