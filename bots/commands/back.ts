import { updateAgent } from '../../db/use-cases/agents/update-agent.ts';
import { noticeMessage, type ChatMessage } from '../message/chat-message.ts';
import { chatSettingsActor } from './away.ts';
import type { CommandContext } from './command-context.ts';

/** `/back`: ends an absence (vacation or pause), so routing offers alerts again. */
export async function backCommand(ctx: CommandContext): Promise<ChatMessage> {
  await updateAgent(ctx.runtime, {
    tenantId: ctx.tenant.id,
    agentId: ctx.actor.id,
    actor: chatSettingsActor(ctx),
    change: { vacationUntil: null, paused: false },
  });
  return noticeMessage('Welcome back: new alerts can reach you again.');
}
