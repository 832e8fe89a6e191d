import type { AutomationWhen } from '../../core/automations/automation-trigger.ts';
import { chatMessage, type ChatButton, type ChatMessage } from './chat-message.ts';
import { automationActionId } from './list-action-id.ts';

export interface AutomationRow {
  ruleId: string;
  name: string;
  enabled: boolean;
  when: AutomationWhen;
  steps: number;
  /** Leads in it now. */
  activeRuns: number;
}

export interface AutomationsView {
  teamName: string;
  rows: AutomationRow[];
  /** Managers get an On or Off button per rule. */
  canManage: boolean;
  /** A line to show first (what an On or Off just did). */
  notice?: string;
}

const list = (values: readonly string[] | undefined) => (values?.length ? ` (${values.join(', ')})` : '');

/** "tag added (vip)", "no inbound for 5 days", "schedule 09:00 mon, fri": the `when` in a few words. */
export function whenText(when: AutomationWhen): string {
  const event = when.event.replace(/_/g, ' ');
  switch (when.event) {
    case 'lead_created':
      return event + list(when.sources);
    case 'message_received':
      return event + list([...(when.intents ?? []), ...(when.channels ?? [])]);
    case 'score_crossed':
      return `${event} to ${when.band}`;
    case 'signal_raised':
      return event + list(when.signals);
    case 'stage_changed':
      return event + list([...(when.stages ?? []), ...(when.statuses ?? [])]);
    case 'tag_added':
    case 'tag_removed':
      return event + list(when.tags);
    case 'listing_event':
      return event + list(when.changes);
    case 'no_inbound':
      return `no inbound for ${when.days} day${when.days === 1 ? '' : 's'}`;
    case 'no_human_contact':
      return `no human contact for ${when.hours} hour${when.hours === 1 ? '' : 's'}`;
    case 'schedule':
      return `schedule ${when.at}${when.days ? ` ${when.days.join(', ')}` : ''}`;
  }
}

/**
 * `/automations`: one row per rule (id, on/off, when, leads in it now, name) and, for managers, a button
 * that switches it the other way.
 */
export function automationsMessage(view: AutomationsView): ChatMessage {
  const buttons: ChatButton[] = view.canManage
    ? view.rows.slice(0, 25).map((r) => {
        const verb = r.enabled ? 'off' : 'on';
        return {
          actionId: automationActionId(verb, r.ruleId),
          label: `${r.enabled ? 'Off' : 'On'}: ${r.name}`.slice(0, 75),
          value: r.ruleId,
          style: r.enabled ? 'default' : 'primary',
          command: `automations ${verb} ${r.ruleId}`,
        };
      })
    : [];
  const on = view.rows.filter((r) => r.enabled).length;
  return chatMessage({
    header: `⚙️ Automations: ${view.teamName}`,
    sections: [
      ...(view.notice ? [view.notice] : []),
      view.rows.length === 0
        ? 'No automation rules yet: load some with `porchlight automations set <file>` (docs/automations/).'
        : `${view.rows.length} rules, ${on} on.`,
    ],
    ...(view.rows.length
      ? {
          table: {
            columns: ['Rule', 'On', 'When', 'Leads in it', 'Name'],
            rows: view.rows.map((r) => [
              r.ruleId,
              r.enabled ? 'on' : 'off',
              whenText(r.when),
              String(r.activeRuns),
              r.name,
            ]),
          },
        }
      : {}),
    context: [
      view.canManage
        ? 'Off takes the leads in a rule out of it. `/automations test` tries the rules on past events.'
        : 'Managers switch rules on and off. `/automations test` tries the rules on past events.',
    ],
    buttons,
    ephemeral: true,
  });
}
