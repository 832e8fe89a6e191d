/**
 * Action ids of the controls on `/alerts`, `/team` and `/automations` (the alert buttons on each row keep the card's
 * `alert:<action>:<id>`). Like those, each id says on its own what to do: Discord hands back nothing else.
 */

/** The list's menu of alerts: Slack reads it from the message state when a bulk button is pressed; Discord sends it. */
export const ALERTS_PICK = 'alerts:pick';
/** The menu of the alerts already picked, on Discord's follow-up bar: the bar's buttons act on what it still holds. */
export const ALERTS_PICKED = 'alerts:picked';

export const BULK_ACTIONS = ['acknowledge', 'snooze', 'dismiss', 'assign'] as const;
export type BulkActionName = (typeof BULK_ACTIONS)[number];

export const TEAM_ACTIONS = ['pause', 'resume'] as const;
export type TeamActionName = (typeof TEAM_ACTIONS)[number];

export const AUTOMATION_ACTIONS = ['on', 'off'] as const;
export type AutomationActionName = (typeof AUTOMATION_ACTIONS)[number];

const LIST_PREFIX = 'alerts:list:';

export type ListAction =
  | { kind: 'pick' }
  | { kind: 'bulk'; action: BulkActionName }
  /** Redraw a list: the command line it stands for (`alerts team page 2`). */
  | { kind: 'list'; line: string }
  | { kind: 'team'; action: TeamActionName; agentId: string }
  | { kind: 'automation'; action: AutomationActionName; ruleId: string };

/** `bulkActionId('dismiss')` → `'alerts:bulk:dismiss'` */
export const bulkActionId = (action: BulkActionName): string => `alerts:bulk:${action}`;

/** `listActionId('alerts team page 2')` → `'alerts:list:alerts team page 2'` (Discord caps ids at 100). */
export const listActionId = (line: string): string => `${LIST_PREFIX}${line}`.slice(0, 100);

/** `teamActionId('pause', 'a1')` → `'team:pause:a1'` */
export const teamActionId = (action: TeamActionName, agentId: string): string => `team:${action}:${agentId}`;

/** `automationActionId('off', 'new-lead-welcome')` → `'automations:off:new-lead-welcome'` (rule ids fit in 100). */
export const automationActionId = (action: AutomationActionName, ruleId: string): string =>
  `automations:${action}:${ruleId}`;

/** The inverse of the builders above; `null` for anything else (an alert card's id included). Never throws. */
export function parseListActionId(actionId: string): ListAction | null {
  if (actionId === ALERTS_PICK || actionId === ALERTS_PICKED) return { kind: 'pick' };
  if (actionId.startsWith(LIST_PREFIX)) return { kind: 'list', line: actionId.slice(LIST_PREFIX.length) };
  const [scope, action, rest, ...extra] = actionId.split(':');
  if (extra.length > 0) return null;
  if (scope === 'alerts' && action === 'bulk' && (BULK_ACTIONS as readonly string[]).includes(rest ?? ''))
    return { kind: 'bulk', action: rest as BulkActionName };
  if (scope === 'team' && (TEAM_ACTIONS as readonly string[]).includes(action) && rest)
    return { kind: 'team', action: action as TeamActionName, agentId: rest };
  if (scope === 'automations' && (AUTOMATION_ACTIONS as readonly string[]).includes(action) && rest)
    return { kind: 'automation', action: action as AutomationActionName, ruleId: rest };
  return null;
}
