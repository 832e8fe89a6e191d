import { AlertKind, AlertPriority } from '../../core/alerts/alert-types.ts';
import { isAlertId, type AlertActionName } from '../message/action-id.ts';
import type { BulkActionName } from '../message/list-action-id.ts';

export const ALERT_SCOPES = ['mine', 'team', 'unclaimed'] as const;
export type AlertScope = (typeof ALERT_SCOPES)[number];

/** `/alerts [mine|team|unclaimed] [kind] [priority] [page N]`; no scope means "the asker's usual view". */
export interface AlertsArgs {
  scope?: AlertScope;
  kind?: AlertKind;
  priority?: AlertPriority;
  page: number;
}

/** `ack 3,5`, `assign 3,5,7 sam`: one action on several alerts (managers). */
export interface BulkAlertArgs {
  action: BulkActionName;
  alertIds: string[];
  targetAgent?: string;
}

const MAX_PAGE = 1000;

/**
 * The words after `/alerts`, in any order. Discord sends its options as bare values, so a bare number
 * is a page too. Returns the problem to show when a word fits nowhere.
 * @example parseAlertsArgs(['unclaimed', 'hot-lead', 'page', '2']) // { scope: 'unclaimed', kind: 'hot_lead', page: 2 }
 */
export function parseAlertsArgs(args: readonly string[]): AlertsArgs | string {
  const parsed: AlertsArgs = { page: 1 };
  for (let i = 0; i < args.length; i++) {
    const word = args[i].toLowerCase().replace(/-/g, '_');
    const number = word === 'page' ? (args[++i] ?? '') : word;
    if (/^\d+$/.test(number)) {
      parsed.page = Number(number);
      if (parsed.page < 1 || parsed.page > MAX_PAGE) return `The page is a number from 1 to ${MAX_PAGE}.`;
    } else if (word === 'page') return 'Say `page` and a number, like `page 2`.';
    else if ((ALERT_SCOPES as readonly string[]).includes(word)) parsed.scope = word as AlertScope;
    else if (AlertKind.safeParse(word).success) parsed.kind = word as AlertKind;
    else if (AlertPriority.safeParse(word).success) parsed.priority = word as AlertPriority;
    else
      return (
        `\`${args[i]}\` is not a view, kind, priority or page. Views: ${ALERT_SCOPES.join(', ')}; kinds: ` +
        `${AlertKind.options.join(', ')}; priorities: ${AlertPriority.options.join(', ')}.`
      );
  }
  return parsed;
}

/** The command line that draws this list again (paging buttons, "show the list" after an action). */
export function alertsLine(args: AlertsArgs & { scope: AlertScope }): string {
  return ['alerts', args.scope, args.kind, args.priority, args.page > 1 ? `page ${args.page}` : undefined]
    .filter(Boolean)
    .join(' ');
}

const BULK: Partial<Record<AlertActionName, BulkActionName>> = {
  acknowledge: 'acknowledge',
  snooze: 'snooze',
  dismiss: 'dismiss',
  assign: 'assign',
};

/**
 * An alert action typed with a comma list (`ack 3,5`, `assign 3, 5, 7 sam`). Returns null when the
 * first word holds no comma (a single action, parsed as before), else the bulk request or the problem.
 */
export function parseBulkAlertArgs(action: AlertActionName, args: readonly string[]): BulkAlertArgs | string | null {
  if (!args[0]?.includes(',')) return null;
  const bulk = BULK[action];
  if (!bulk) return `\`${action}\` takes one alert at a time.`;
  const ids: string[] = [];
  let i = 0;
  // The list runs on while a word ends in a comma: "3,5,7" and "3, 5, 7" are the same list.
  for (; i < args.length; i++) {
    ids.push(...args[i].split(',').filter(Boolean));
    if (!args[i].endsWith(',')) {
      i++;
      break;
    }
  }
  const alertIds = [...new Set(ids.map((id) => id.replace(/^#/, '')))];
  const bad = alertIds.find((id) => !isAlertId(id));
  if (bad !== undefined || alertIds.length === 0) return `\`${bad ?? ','}\` is not an alert number.`;
  const rest = args.slice(i);
  if (bulk === 'assign') {
    const target = rest.join(' ').replace(/^@/, '');
    if (!target) return 'Assign to whom? Give one agent handle after the alerts.';
    return { action: bulk, alertIds, targetAgent: target };
  }
  const extraOk = bulk === 'snooze' && rest.length === 1 && rest[0].toLowerCase() === '1h';
  if (rest.length > 0 && !extraOk) return `After the alerts, \`${action}\` takes nothing more.`;
  return { action: bulk, alertIds };
}
