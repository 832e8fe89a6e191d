import { alertLinesByIds } from '../../db/queries/alerts/open-alert-page.ts';
import { listAgents, type Agent } from '../../db/queries/tenants.ts';
import { actOnAlerts, type BulkAlertAction, type BulkAlertOutcome } from '../../db/use-cases/alerts/act-on-alerts.ts';
import { isAppError } from '../../core/errors/app-error.ts';
import { agentHandle, resolveAgent } from '../commands/agent-handle.ts';
import { isManagerRole } from '../commands/alerts.ts';
import type { CommandContext } from '../commands/command-context.ts';
import type { BulkAlertArgs } from '../commands/parse-list-commands.ts';
import type { BulkActionName } from '../message/list-action-id.ts';
import { bulkResultMessage } from '../message/bulk-alert-message.ts';
import { noticeMessage, type ChatMessage } from '../message/chat-message.ts';
import { formatHandle } from '../message/format.ts';
import { usageMessage } from '../message/help-message.ts';

export const SEVERAL_MANAGERS_ONLY =
  'Only managers can act on several alerts at once. Use the buttons on each alert, or ask a manager.';

/**
 * Acknowledge, snooze, dismiss or assign several alerts from a list (Slack's picks, Discord's picked menu,
 * `ack 3,5` typed). Each alert goes through `actOnAlert` on its own, so each is decided under its own row
 * lock and redrawn everywhere it was posted; the answer says what changed and, alert by alert, what was
 * refused and why.
 */
export async function performBulkAlertAction(ctx: CommandContext, request: BulkAlertArgs): Promise<ChatMessage> {
  // Permission before state: an agent hears no, whatever the alerts are doing.
  if (!isManagerRole(ctx.actor)) return noticeMessage(SEVERAL_MANAGERS_ONLY);
  if (request.alertIds.length === 0)
    return noticeMessage('Pick the alerts first, in the list’s menu, then press the action.');
  const team = await listAgents(ctx.runtime.db, ctx.tenant.id);
  let action: BulkAlertAction;
  let target: Agent | undefined;
  if (request.action === 'assign') {
    const active = team.filter((a) => a.active);
    target = request.targetAgent ? resolveAgent(active, request.targetAgent) : undefined;
    if (!target) {
      const handles = active.map((a) => `\`${agentHandle(a)}\``).join(', ');
      return usageMessage(
        `No agent “${request.targetAgent ?? ''}” in ${ctx.tenant.name}. Agents: ${handles}.`,
        'assign <alert>,<alert>,… <agent>',
      );
    }
    action = { type: 'assign', targetAgentId: target.id };
  } else {
    action = request.action === 'snooze' ? { type: 'snooze', minutes: 60 } : { type: request.action };
  }

  let outcomes: BulkAlertOutcome[];
  try {
    const { db, queue, clock } = ctx.runtime;
    outcomes = await actOnAlerts(
      { db, queue, clock },
      {
        tenantId: ctx.tenant.id,
        alertIds: request.alertIds,
        action,
        actor: { id: ctx.actor.id, role: ctx.actor.role },
      },
    );
  } catch (error) {
    if (!isAppError(error) || error.status >= 500) throw error;
    return noticeMessage(error.code === 'forbidden' ? SEVERAL_MANAGERS_ONLY : `That didn't work: ${error.message}.`);
  }

  const lines = await alertLinesByIds(
    ctx.runtime.db,
    ctx.tenant.id,
    outcomes.map((o) => o.alertId),
  );
  const about = (alertId: string) => {
    const line = lines.find((l) => l.id === alertId);
    return { id: alertId, leadName: line?.leadName ?? 'unknown alert', kind: line?.kind ?? 'alert' };
  };
  return bulkResultMessage({
    action: request.action,
    ...(target ? { target: { name: target.name, handle: agentHandle(target) } } : {}),
    done: outcomes.filter((o) => o.ok).map((o) => about(o.alertId)),
    refused: outcomes.flatMap((o) =>
      o.ok ? [] : [{ ...about(o.alertId), why: refusalReason(o, request.action, team, ctx) }],
    ),
  });
}

const PAST: Record<BulkActionName, string> = {
  acknowledge: 'acknowledged',
  snooze: 'snoozed',
  dismiss: 'dismissed',
  assign: 'assigned',
};

/** One refused alert in a sentence a person can act on: who holds it, what state it is in. */
function refusalReason(
  outcome: Extract<BulkAlertOutcome, { ok: false }>,
  action: BulkActionName,
  team: Agent[],
  ctx: CommandContext,
): string {
  switch (outcome.code) {
    case 'already_claimed': {
      const holder = team.find((a) => a.id === outcome.details?.assigneeId);
      const name = holder ? formatHandle(agentHandle(holder)) : 'another agent';
      return `already claimed by ${name} (reassign it from its card if you mean to)`;
    }
    case 'conflict':
      return `it is ${String(outcome.details?.status ?? 'closed')}, so it can't be ${PAST[action]}`;
    case 'not_found':
      return `no such alert in ${ctx.tenant.name}`;
    default:
      return outcome.message;
  }
}
