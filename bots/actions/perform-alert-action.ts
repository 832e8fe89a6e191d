import { getAgent, listAgents } from '../../db/queries/tenants.ts';
import { actOnAlert } from '../../db/use-cases/alerts/act-on-alert.ts';
import type { AlertAction } from '../../core/alerts/alert-types.ts';
import { isAppError } from '../../core/errors/app-error.ts';
import type { AlertActionName } from '../message/action-id.ts';
import { alreadyClaimedMessage } from '../message/alert-message.ts';
import { noticeMessage, type ChatMessage } from '../message/chat-message.ts';
import { usageMessage } from '../message/help-message.ts';
import type { CommandContext } from '../commands/command-context.ts';
import { agentHandle, resolveAgent } from '../commands/agent-handle.ts';
import { sendMatchToLead } from './send-match-to-lead.ts';

export interface AlertActionRequest {
  action: AlertActionName;
  alertId: string;
  /** For assign: a handle, email, agent id or platform user id (what a user picker sends). */
  targetAgent?: string;
}

export interface AlertActionOutcome {
  /** Private reply to the person who pressed the button. */
  reply: ChatMessage;
  /** True when the alert changed: every posted copy is being refreshed. */
  changed: boolean;
}

const DONE: Record<Exclude<AlertActionName, 'send' | 'assign'>, string> = {
  claim: '✅ You claimed alert #{id}. It is yours: call them while they are warm.',
  acknowledge: '👍 Acknowledged alert #{id}.',
  snooze: '😴 Snoozed alert #{id} for an hour.',
  dismiss: 'Dismissed alert #{id}.',
  win: "🏆 Marked alert #{id} won. GHL hears about it, and the lead's other open alerts are closed.",
  lose: "Marked alert #{id} lost. GHL hears about it, and the lead's other open alerts are closed.",
};

/**
 * The one action path for buttons, selects and typed actions on every platform: `actOnAlert`
 * decides races and carries the follow-ups (escalation timer, refresh of every copy, GHL
 * write-back); this layer picks the action and turns each refusal into a sentence.
 */
export async function performAlertAction(
  ctx: CommandContext,
  request: AlertActionRequest,
): Promise<AlertActionOutcome> {
  const { alertId } = request;
  if (request.action === 'send') return { reply: await sendMatchToLead(ctx, alertId), changed: false };

  let action: AlertAction;
  let target: { name: string; handle: string } | undefined;
  if (request.action === 'assign') {
    const team = (await listAgents(ctx.runtime.db, ctx.tenant.id)).filter((a) => a.active);
    const agent = request.targetAgent ? resolveAgent(team, request.targetAgent) : undefined;
    if (!agent) {
      return {
        reply: usageMessage(
          `No agent “${request.targetAgent ?? ''}” in ${ctx.tenant.name}. Agents: ${team.map((a) => `\`${agentHandle(a)}\``).join(', ')}.`,
          'assign <alert> <agent>',
        ),
        changed: false,
      };
    }
    action = { type: 'assign', targetAgentId: agent.id };
    target = { name: agent.name, handle: agentHandle(agent) };
  } else {
    action = request.action === 'snooze' ? { type: 'snooze', minutes: 60 } : { type: request.action };
  }

  try {
    const { db, queue, clock } = ctx.runtime;
    const actor = { id: ctx.actor.id, role: ctx.actor.role };
    await actOnAlert({ db, queue, clock }, { tenantId: ctx.tenant.id, alertId, action, actor });
  } catch (error) {
    if (!isAppError(error)) throw error;
    return { reply: await refusal(ctx, request, error), changed: false };
  }
  const text =
    request.action === 'assign'
      ? `👉 Assigned alert #${alertId} to ${target!.name} (@${target!.handle}).`
      : DONE[request.action].replace('{id}', alertId);
  return { reply: noticeMessage(text, { tone: 'success' }), changed: true };
}

const VERB: Partial<Record<AlertActionName, string>> = { win: 'mark as won', lose: 'mark as lost' };

const PAST: Record<AlertActionName, string> = {
  claim: 'claimed',
  assign: 'assigned',
  acknowledge: 'acknowledged',
  snooze: 'snoozed',
  dismiss: 'dismissed',
  send: 'sent',
  win: 'marked won',
  lose: 'marked lost',
};

async function refusal(
  ctx: CommandContext,
  request: AlertActionRequest,
  error: { code: string; message: string; details?: Record<string, unknown> },
): Promise<ChatMessage> {
  const id = request.alertId;
  switch (error.code) {
    case 'already_claimed': {
      const holderId = error.details?.assigneeId as string | undefined;
      const holder = holderId ? await getAgent(ctx.runtime.db, ctx.tenant.id, holderId) : undefined;
      return alreadyClaimedMessage(id, {
        handle: holder ? agentHandle(holder) : String(error.details?.assigneeName ?? 'another agent'),
      });
    }
    case 'forbidden':
      if (request.action === 'assign') {
        return noticeMessage(
          `Only managers can assign alerts to someone else. You can **Claim** alert #${id} yourself, or ask a manager to assign it.`,
        );
      }
      return noticeMessage(`You can't ${VERB[request.action] ?? request.action} alert #${id}: ${error.message}.`);
    case 'not_found':
      return noticeMessage(`No alert #${id} in ${ctx.tenant.name}.`);
    case 'conflict':
      return noticeMessage(
        `Alert #${id} can't be ${PAST[request.action]} now: it is ${String(error.details?.status ?? 'closed')}.`,
      );
    default:
      return noticeMessage(`That didn't work: ${error.message}.`);
  }
}
