import { isAppError } from '../../core/errors/app-error.ts';
import { listAgents } from '../../db/queries/tenants.ts';
import { updateAgent } from '../../db/use-cases/agents/update-agent.ts';
import { agentHandle, resolveAgent } from '../commands/agent-handle.ts';
import { isManagerRole } from '../commands/alerts.ts';
import { chatSettingsActor } from '../commands/away.ts';
import type { CommandContext } from '../commands/command-context.ts';
import { teamCommand } from '../commands/team.ts';
import { noticeMessage, type ChatMessage } from '../message/chat-message.ts';
import { usageMessage } from '../message/help-message.ts';

export const PAUSE_MANAGERS_ONLY =
  'Only managers can pause or resume agents. For yourself, `/away` takes you off new alerts ' +
  'and `/back` brings you back.';

/**
 * Pause or Resume in `/team` (a button, or `pause sam` typed): the agent's `paused` flag through
 * `updateAgent`, as a manager's act even on oneself, then the team view drawn again with what changed.
 * Routing reads the flag as it is, so the very next alert already skips (or counts) them.
 */
export async function pauseAgent(
  ctx: CommandContext,
  request: { agent: string; paused: boolean },
): Promise<{ reply: ChatMessage; changed: boolean }> {
  const verb = request.paused ? 'pause' : 'resume';
  if (!isManagerRole(ctx.actor)) return { reply: noticeMessage(PAUSE_MANAGERS_ONLY), changed: false };
  const team = (await listAgents(ctx.runtime.db, ctx.tenant.id)).filter((a) => a.active);
  const agent = resolveAgent(team, request.agent);
  if (!agent) {
    const handles = team.map((a) => `\`${agentHandle(a)}\``).join(', ');
    const reply = usageMessage(
      `No agent “${request.agent}” in ${ctx.tenant.name}. Agents: ${handles}.`,
      `${verb} <agent>`,
    );
    return { reply, changed: false };
  }
  try {
    await updateAgent(ctx.runtime, {
      tenantId: ctx.tenant.id,
      agentId: agent.id,
      actor: chatSettingsActor(ctx),
      change: { paused: request.paused },
      managersOnly: true,
    });
  } catch (error) {
    if (isAppError(error) && error.code === 'forbidden')
      return { reply: noticeMessage(PAUSE_MANAGERS_ONLY), changed: false };
    throw error;
  }
  const notice = request.paused
    ? `⏸ Paused ${agent.name}: routing offers them no new alerts until resumed.`
    : `▶️ Resumed ${agent.name}: routing offers them alerts again.`;
  return { reply: await teamCommand(ctx, { notice }), changed: true };
}
