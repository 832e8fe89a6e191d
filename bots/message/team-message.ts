import { DateTime } from 'luxon';
import type { Presence } from '../../core/team/agent-presence.ts';
import { chatMessage, type ChatButton, type ChatMessage } from './chat-message.ts';
import { formatHandle } from './format.ts';
import { teamActionId } from './list-action-id.ts';

export interface TeamRow {
  agentId: string;
  name: string;
  handle: string;
  presence: Presence;
  paused: boolean;
  openAlerts: number;
  claimedToday: number;
  firstContacts: number;
  medianFirstContactMinutes: number | null;
}

export interface TeamView {
  teamName: string;
  rows: TeamRow[];
  /** Who each round-robin rule hands its next alert to (null: nobody available). */
  nextPicks: Array<{ ruleName: string; agent: { name: string; handle: string } | null }>;
  timeZone: string;
  now: Date;
  weekStart: Date;
  /** Managers get Pause/Resume buttons. */
  canManage: boolean;
  /** A line to show first (what a Pause or Resume just did). */
  notice?: string;
}

/** "away until Fri Mar 6, 8:00 AM" reads in the team's zone; the rest of the words match routing's reasons. */
export function presenceText(presence: Presence, timeZone: string): string {
  switch (presence.state) {
    case 'on_shift':
      return 'on shift';
    case 'at_cap':
      return `on shift, at cap (${presence.open}/${presence.max})`;
    case 'off_shift':
      return 'off shift';
    case 'away':
      return `away until ${DateTime.fromJSDate(presence.until, { zone: timeZone }).toFormat('ccc LLL d, h:mm a')}`;
    case 'paused':
      return 'paused';
    case 'inactive':
      return 'inactive';
  }
}

/** Minutes with one decimal at most: "12.5 min". */
export const formatMinutes = (minutes: number) => `${Number.isInteger(minutes) ? minutes : minutes.toFixed(1)} min`;

/**
 * `/team`: one row per active agent (availability now, open alerts, alerts claimed today, median minutes to
 * first contact this week), who round robin picks next, and for managers a Pause or Resume button each.
 */
export function teamMessage(view: TeamView): ChatMessage {
  const week = DateTime.fromJSDate(view.weekStart, { zone: view.timeZone }).toFormat('ccc LLL d');
  const now = DateTime.fromJSDate(view.now, { zone: view.timeZone }).toFormat('h:mm a');
  const next =
    view.nextPicks.length === 0
      ? 'No round-robin rule: alerts go out by the other rules (first to claim by default).'
      : view.nextPicks
          .map((p) => {
            const who = p.agent ? `${p.agent.name} (${formatHandle(p.agent.handle)})` : 'nobody available now';
            return `**${p.ruleName}** → ${who}`;
          })
          .join('\n');
  const buttons: ChatButton[] = view.canManage
    ? view.rows.slice(0, 25).map((r) => {
        const action = r.paused ? 'resume' : 'pause';
        const first = r.name.split(/\s+/)[0];
        return {
          actionId: teamActionId(action, r.agentId),
          label: `${r.paused ? 'Resume' : 'Pause'} ${first}`,
          value: r.handle,
          style: r.paused ? 'primary' : 'default',
          command: `${action} ${r.handle}`,
        };
      })
    : [];
  return chatMessage({
    header: `👥 Team: ${view.teamName}`,
    sections: [
      ...(view.notice ? [view.notice] : []),
      view.rows.length === 0 ? 'No active agents yet.' : `${view.rows.length} active agents, as of ${now}.`,
      `**Next in round robin**\n${next}`,
    ],
    table: {
      columns: ['Agent', 'Now', 'Open', 'Claimed today', 'First contact'],
      rows: view.rows.map((r) => [
        `${r.name} (${formatHandle(r.handle)})`,
        presenceText(r.presence, view.timeZone),
        String(r.openAlerts),
        String(r.claimedToday),
        r.medianFirstContactMinutes === null
          ? '–'
          : `${formatMinutes(r.medianFirstContactMinutes)} (${r.firstContacts})`,
      ]),
    },
    context: [
      'Now: routing’s view (pause, away, working hours in each agent’s own zone, alert cap).',
      `First contact: median minutes from alert raised to first contact (contacted_at − created_at), ` +
        `alerts first contacted since ${week}; how many in brackets. Claimed today: since midnight, ${view.timeZone}.`,
    ],
    buttons,
    ephemeral: true,
  });
}
