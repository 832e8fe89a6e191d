import { DateTime } from 'luxon';
import { awayUntil } from '../../core/settings/agent-settings.ts';
import { updateAgent } from '../../db/use-cases/agents/update-agent.ts';
import { noticeMessage, type ChatMessage } from '../message/chat-message.ts';
import type { CommandContext } from './command-context.ts';

const when = (date: Date, zone: string) => DateTime.fromJSDate(date, { zone }).toFormat("ccc d LLL 'at' HH:mm ZZZZ");

/** A chat user changes settings as themselves, with their role. */
export const chatSettingsActor = (ctx: CommandContext) => ({
  kind: 'agent' as const,
  id: ctx.actor.id,
  role: ctx.actor.role,
});

/** `/away [until <date>]`: routing skips the agent ("on_vacation until …") until that morning. */
export async function awayCommand(ctx: CommandContext, command: { until?: string }): Promise<ChatMessage> {
  const { runtime, actor } = ctx;
  const until = awayUntil(command.until, actor.timezone, runtime.clock.now());
  await updateAgent(runtime, {
    tenantId: ctx.tenant.id,
    agentId: actor.id,
    actor: chatSettingsActor(ctx),
    change: { vacationUntil: until },
  });
  return noticeMessage(
    `You're away until ${when(until, actor.timezone)}: new alerts go to your teammates. \`/back\` ends it.`,
  );
}
