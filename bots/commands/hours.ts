import { parseHours } from '../../core/settings/agent-settings.ts';
import { updateAgent } from '../../db/use-cases/agents/update-agent.ts';
import { noticeMessage, type ChatMessage } from '../message/chat-message.ts';
import { chatSettingsActor } from './away.ts';
import type { CommandContext } from './command-context.ts';

/** `/hours 9-18` (weekdays) or `/hours mon-fri 09:00-18:00, sat 10-14`: when routing may offer you alerts. */
export async function hoursCommand(ctx: CommandContext, command: { hours: string }): Promise<ChatMessage> {
  const always = command.hours.toLowerCase() === 'always';
  const hours = always ? null : parseHours(command.hours);
  const agent = await updateAgent(ctx.runtime, {
    tenantId: ctx.tenant.id,
    agentId: ctx.actor.id,
    actor: chatSettingsActor(ctx),
    change: { workingHours: hours },
  });
  if (!hours) return noticeMessage('Your hours are cleared: alerts may reach you any time.');
  const days = Object.entries(hours)
    .map(([day, [open, close]]) => `${day} ${open}–${close}`)
    .join(', ');
  return noticeMessage(`Your hours (${agent.timezone}): ${days}.`);
}
