import { getAlert } from '../../db/queries/alerts/get-alert.ts';
import { alertLinesByIds } from '../../db/queries/alerts/open-alert-page.ts';
import { listAgents } from '../../db/queries/tenants.ts';
import { loadAlertView } from '../deliveries/load-alert-view.ts';
import { agentHandle } from '../commands/agent-handle.ts';
import { isManagerRole } from '../commands/alerts.ts';
import type { CommandContext } from '../commands/command-context.ts';
import { parseCommand } from '../commands/parse-command.ts';
import { runCommand } from '../commands/run-command.ts';
import { alertMessage } from '../message/alert-message.ts';
import { pickedAlertsMessage } from '../message/bulk-alert-message.ts';
import { chatMessage, noticeMessage, type ChatMessage } from '../message/chat-message.ts';
import { parseListActionId } from '../message/list-action-id.ts';
import { pauseAgent } from './pause-agent.ts';
import { toggleAutomation } from './toggle-automation.ts';
import { performBulkAlertAction, SEVERAL_MANAGERS_ONLY } from './perform-bulk-alert-action.ts';

export interface ListActionRequest {
  actionId: string;
  /** A select's picks (Discord values; the agent of an Assign menu). */
  values?: string[];
  /** The alerts picked in the list or bar the control sits on (Slack's message state, Discord's picked menu). */
  picked?: string[];
}

export interface ListActionOutcome {
  reply: ChatMessage;
  /** Draw the answer in place of the message pressed on (another page, the team view after a pause). */
  replace: boolean;
}

/**
 * The controls of `/alerts`, `/team` and `/automations` on Slack and Discord: picking alerts, acting on the
 * picks, paging, Pause and Resume, a rule's On and Off. `null` when the action id is none of these.
 */
export async function performListAction(
  ctx: CommandContext,
  request: ListActionRequest,
): Promise<ListActionOutcome | null> {
  const action = parseListActionId(request.actionId);
  if (!action) return null;
  switch (action.kind) {
    case 'list': {
      const parsed = parseCommand(action.line);
      if (!parsed.ok || parsed.command.name !== 'alerts')
        return { reply: noticeMessage('Run `/alerts` again.'), replace: false };
      return { reply: await runCommand(ctx, parsed.command), replace: true };
    }
    case 'team': {
      // Only a change redraws the team view in place; a refusal answers below it and leaves the view as it was.
      const { reply, changed } = await pauseAgent(ctx, { agent: action.agentId, paused: action.action === 'pause' });
      return { reply, replace: changed };
    }
    case 'automation': {
      // As in /team: a change redraws the list in place, a refusal answers below it.
      const { reply, changed } = await toggleAutomation(ctx, {
        ruleId: action.ruleId,
        enabled: action.action === 'on',
      });
      return { reply, replace: changed };
    }
    case 'pick':
      return { reply: await picked(ctx, request.values ?? []), replace: false };
    case 'bulk':
      return {
        reply: await performBulkAlertAction(ctx, {
          action: action.action,
          alertIds: request.picked ?? [],
          ...(action.action === 'assign' ? { targetAgent: request.values?.[0] } : {}),
        }),
        replace: false,
      };
  }
}

/** One alert picked: its card, with its own buttons. Several: the actions to apply to all of them (managers). */
async function picked(ctx: CommandContext, alertIds: string[]): Promise<ChatMessage> {
  if (alertIds.length === 0) return noticeMessage('Nothing picked.');
  const { db } = ctx.runtime;
  if (alertIds.length === 1) {
    const alert = await getAlert(db, ctx.tenant.id, alertIds[0]);
    if (!alert) return noticeMessage(`No alert #${alertIds[0]} in ${ctx.tenant.name}.`);
    return chatMessage({ ...alertMessage(await loadAlertView(db, ctx.tenant, alert)), ephemeral: true });
  }
  if (!isManagerRole(ctx.actor)) return noticeMessage(SEVERAL_MANAGERS_ONLY);
  const lines = await alertLinesByIds(db, ctx.tenant.id, alertIds);
  if (lines.length === 0) return noticeMessage(`None of those alerts is in ${ctx.tenant.name}.`);
  const team = (await listAgents(db, ctx.tenant.id)).filter((a) => a.active);
  return pickedAlertsMessage(
    lines.map((l) => ({ id: l.id, leadName: l.leadName ?? 'Unknown lead', kind: l.kind })),
    team.map((a) => ({ name: a.name, handle: agentHandle(a) })),
  );
}
