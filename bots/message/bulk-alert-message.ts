import { chatMessage, type ChatMessage } from './chat-message.ts';
import { formatHandle } from './format.ts';
import { assignMenu } from './alert-list-message.ts';
import { ALERTS_PICKED, bulkActionId, type BulkActionName } from './list-action-id.ts';

interface PickedAlert {
  id: string;
  leadName: string;
  kind: string;
}

const trim = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/**
 * Discord's answer to picking several alerts from `/alerts`: what was picked, kept in a menu of its own (its
 * picks travel with the message, so the buttons below act on exactly what it still holds), and the actions.
 */
export function pickedAlertsMessage(picked: PickedAlert[], assignOptions: Array<{ name: string; handle: string }>) {
  return chatMessage({
    sections: [
      `**${picked.length} alerts picked.** Unpick any in the menu, then act on all of them. ` +
        'Assign takes only alerts nobody else holds.',
    ],
    buttons: [
      { actionId: bulkActionId('acknowledge'), label: 'Acknowledge', value: 'picked', style: 'primary' },
      { actionId: bulkActionId('snooze'), label: 'Snooze 1h', value: 'picked', style: 'default' },
      { actionId: bulkActionId('dismiss'), label: 'Dismiss', value: 'picked', style: 'danger' },
    ],
    selects: [
      {
        actionId: ALERTS_PICKED,
        placeholder: 'Picked alerts ▾',
        options: picked.map((a) => ({
          label: trim(`${a.leadName} · ${a.kind.replace(/_/g, ' ')}`, 75),
          value: a.id,
          description: `#${a.id}`,
          selected: true,
        })),
        ...(picked.length > 1 ? { maxValues: picked.length } : {}),
      },
      assignMenu(assignOptions),
    ],
    ephemeral: true,
  });
}

export interface BulkResultView {
  action: BulkActionName;
  target?: { name: string; handle: string };
  done: PickedAlert[];
  refused: Array<PickedAlert & { why: string }>;
}

const DONE: Record<BulkActionName, string> = {
  acknowledge: '👍 Acknowledged',
  snooze: '😴 Snoozed for an hour',
  dismiss: 'Dismissed',
  assign: '👉 Assigned',
};

const PAST: Record<BulkActionName, string> = {
  acknowledge: 'acknowledged',
  snooze: 'snoozed',
  dismiss: 'dismissed',
  assign: 'assigned',
};

/** What a bulk action did: the alerts it changed, then one line per alert it could not change, saying why. */
export function bulkResultMessage(view: BulkResultView): ChatMessage {
  const total = view.done.length + view.refused.length;
  const to = view.target ? ` to ${view.target.name} (${formatHandle(view.target.handle)})` : '';
  const name = (a: PickedAlert) => `${a.leadName} (#${a.id})`;
  const sections = [
    view.done.length > 0
      ? `${DONE[view.action]} ${view.done.length} of ${total} alert${total === 1 ? '' : 's'}${to}: ` +
        view.done.map(name).join(', ')
      : `Nothing changed: none of the ${total} alert${total === 1 ? '' : 's'} could be ${PAST[view.action]}${to}.`,
  ];
  if (view.refused.length > 0)
    sections.push(
      `**Refused ${view.refused.length}:**\n${view.refused.map((a) => `• ${name(a)}: ${a.why}`).join('\n')}`,
    );
  return chatMessage({
    sections,
    context: [
      view.done.length > 0
        ? 'Every posted copy of a changed alert is being redrawn. `/alerts` shows the list again.'
        : '`/alerts` shows the list again.',
    ],
    tone: view.refused.length === 0 ? 'success' : view.done.length > 0 ? 'normal' : 'muted',
    ephemeral: true,
  });
}
