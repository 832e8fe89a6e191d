import type { AlertKind, AlertPriority, AlertStatus } from '../../core/alerts/alert-types.ts';
import type { ChatPlatform } from '../commands/command-context.ts';
import type { AlertScope } from '../commands/parse-list-commands.ts';
import { alertControls } from './alert-message.ts';
import { chatMessage, type ChatButton, type ChatItemInput, type ChatMessage, type ChatSelect } from './chat-message.ts';
import { formatHandle, formatTime } from './format.ts';
import { ALERTS_PICK, bulkActionId, listActionId } from './list-action-id.ts';

export interface AlertListLine {
  id: string;
  kind: AlertKind;
  priority: AlertPriority;
  status: AlertStatus;
  leadName: string;
  createdAt: Date;
  snoozedUntil: Date | null;
  hasListing: boolean;
  assignee?: { name: string; handle: string };
}

export interface AlertListView {
  scope: AlertScope;
  kind?: AlertKind;
  priority?: AlertPriority;
  page: number;
  pageSize: number;
  total: number;
  lines: AlertListLine[];
  /** Agents an alert may be assigned to (each row's Assign menu, the bulk Assign menu). */
  assignOptions: Array<{ name: string; handle: string }>;
  timeZone: string;
  now: Date;
  /** Managers get the controls to act on several alerts at once. */
  canActOnSeveral: boolean;
  platform: ChatPlatform;
  /** The command line that draws another page of this same list. */
  pageLine: (page: number) => string;
}

const ICON: Record<AlertKind, string> = {
  hot_lead: '🔥',
  listing_match: '🏠',
  price_drop: '📉',
  back_on_market: '🔁',
  lead_reply: '💬',
  stale_lead: '⏰',
};
const SCOPE_TITLE: Record<AlertScope, string> = { mine: 'yours', team: 'whole team', unclaimed: 'unclaimed' };
const NONE_SCOPE: Record<AlertScope, string> = { mine: ' assigned to you', team: '', unclaimed: ' unclaimed' };
const kindLabel = (kind: string) => kind.replace(/_/g, ' ');
const trim = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/**
 * `/alerts`: one row per alert in play, most urgent then newest, each with the buttons of its card
 * (same action ids, so a row acts exactly like the card). Managers also get a menu of the rows and the
 * actions to apply to what they pick: on Slack in the list itself (the picks travel in the message
 * state), on Discord as a menu whose answer brings the actions, in the terminal as typed comma lists.
 */
export function alertListMessage(view: AlertListView): ChatMessage {
  const filters = [view.kind && kindLabel(view.kind), view.priority].filter(Boolean).join(', ');
  const header = `📋 Open alerts: ${SCOPE_TITLE[view.scope]}${filters ? ` (${filters})` : ''}`;
  const pages = Math.max(1, Math.ceil(view.total / view.pageSize));
  if (view.lines.length === 0) {
    const text =
      view.total === 0
        ? `No open alerts${NONE_SCOPE[view.scope]}${filters ? ` matching ${filters}` : ''}. 🎉`
        : `There are only ${pages} page${pages === 1 ? '' : 's'}: try \`/${view.pageLine(pages)}\`.`;
    return chatMessage({ header, sections: [text], ephemeral: true });
  }

  const first = (view.page - 1) * view.pageSize;
  // Rows are numbered per page: in the terminal `ack 1,3` names rows of the page just shown.
  const rows = view.lines.map((line, i) => ({ line, number: i + 1 }));
  const items: ChatItemInput[] = rows.map(({ line, number }) => ({
    text: rowText(line, number, view),
    ref: line.id,
    ...alertControls({
      alertId: line.id,
      kind: line.kind,
      status: line.status,
      hasListing: line.hasListing,
      assignOptions: view.assignOptions,
    }),
  }));

  const pick: ChatSelect = {
    actionId: ALERTS_PICK,
    placeholder: view.canActOnSeveral ? 'Pick alerts ▾' : 'Open an alert ▾',
    options: rows.map(({ line, number }) => ({
      label: trim(`${number}. ${line.leadName} · ${kindLabel(line.kind)} · ${line.priority}`, 75),
      value: line.id,
    })),
    ...(view.canActOnSeveral && rows.length > 1 ? { maxValues: rows.length } : {}),
  };
  const selects: ChatSelect[] = [];
  if (view.platform === 'slack' && view.canActOnSeveral) items.push(...slackBulkItems(pick, view));
  if (view.platform === 'discord') selects.push(pick);
  if (view.platform === 'terminal' && view.canActOnSeveral)
    items.push({
      text:
        '**Several at once** (managers): `ack 1,2`, `snooze 1,2`, `dismiss 1,2`, `assign 1,2 <agent>` ' +
        '(row numbers of this page, or alert ids).',
    });

  const buttons: ChatButton[] = [];
  const pager = (page: number, label: string): ChatButton => ({
    actionId: listActionId(view.pageLine(page)),
    label,
    value: String(page),
    style: 'default',
    command: view.pageLine(page),
  });
  if (view.page > 1) buttons.push(pager(view.page - 1, '◀ Previous'));
  if (view.page < pages) buttons.push(pager(view.page + 1, 'Next ▶'));

  const shown = `${first + 1}–${first + rows.length}`;
  const discordHint = view.canActOnSeveral
    ? 'Pick one alert to open its card, or several to act on them together.'
    : 'Pick an alert to open its card and its buttons.';
  return chatMessage({
    header,
    sections: [
      `${view.total} open alert${view.total === 1 ? '' : 's'}, most urgent first, then newest. ` +
        `Showing ${shown}${pages > 1 ? ` (page ${view.page} of ${pages})` : ''}.` +
        (view.platform === 'discord' ? ` ${discordHint}` : ''),
    ],
    items,
    buttons,
    selects,
    context: [`Times in ${view.timeZone}. Each alert's buttons act on it as on its card.`],
    ephemeral: true,
  });
}

function rowText(line: AlertListLine, number: number, view: AlertListView): string {
  return (
    `**${number}.** ${ICON[line.kind]} **${line.leadName}** · ${kindLabel(line.kind)} · ${line.priority}\n` +
    `${statusText(line, view)} · raised ${formatTime(line.createdAt.toISOString(), view.timeZone)} · #${line.id}`
  );
}

function statusText(line: AlertListLine, view: AlertListView): string {
  const who = line.assignee ? formatHandle(line.assignee.handle) : 'someone';
  const status: Record<AlertStatus, string> = {
    open: 'Unclaimed',
    claimed: `Claimed by ${who}`,
    assigned: `Assigned to ${who}`,
    acknowledged: `Acknowledged by ${who}`,
    contacted: `Contacted by ${who}`,
    won: 'Won',
    lost: 'Lost',
    dismissed: 'Dismissed',
    expired: 'Expired',
  };
  const snoozed =
    line.snoozedUntil && line.snoozedUntil > view.now
      ? ` · 😴 until ${formatTime(line.snoozedUntil.toISOString(), view.timeZone)}`
      : '';
  return `${status[line.status]}${snoozed}`;
}

/** Slack keeps what was picked in the message state and sends it with whichever button is pressed next. */
function slackBulkItems(pick: ChatSelect, view: AlertListView): ChatItemInput[] {
  const button = (action: 'acknowledge' | 'snooze' | 'dismiss', label: string, style: ChatButton['style']) => ({
    actionId: bulkActionId(action),
    label,
    value: 'picked',
    style,
  });
  return [
    { text: '**Several at once** (managers): pick alerts…', selects: [pick] },
    {
      text: '…then act on all of them:',
      buttons: [
        button('acknowledge', 'Acknowledge', 'primary'),
        button('snooze', 'Snooze 1h', 'default'),
        button('dismiss', 'Dismiss', 'danger'),
      ],
      selects: [assignMenu(view.assignOptions)],
    },
  ];
}

/** Assign what was picked to one agent: only alerts nobody else holds are taken. */
export function assignMenu(options: AlertListView['assignOptions']): ChatSelect {
  return {
    actionId: bulkActionId('assign'),
    placeholder: 'Assign them to ▾',
    options: options.slice(0, 25).map((p) => ({
      label: trim(`${p.name} (${formatHandle(p.handle)})`, 75),
      value: p.handle.replace(/^@/, ''),
    })),
  };
}
