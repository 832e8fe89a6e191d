import { isAppError } from '../../core/errors/app-error.ts';
import { setAutomationEnabled } from '../../db/use-cases/automations/set-automation-enabled.ts';
import { isManagerRole } from '../commands/alerts.ts';
import { automationsCommand } from '../commands/automations.ts';
import { chatSettingsActor } from '../commands/away.ts';
import type { CommandContext } from '../commands/command-context.ts';
import { noticeMessage, type ChatMessage } from '../message/chat-message.ts';

export const AUTOMATIONS_MANAGERS_ONLY = 'Only managers and admins can switch automations on or off.';

/**
 * On or Off in `/automations` (a button, or `automations off <rule>` typed): the rule switched through
 * `setAutomationEnabled`, then the list drawn again with what changed. Off takes the leads in it out.
 */
export async function toggleAutomation(
  ctx: CommandContext,
  request: { ruleId: string; enabled: boolean },
): Promise<{ reply: ChatMessage; changed: boolean }> {
  if (!isManagerRole(ctx.actor)) return { reply: noticeMessage(AUTOMATIONS_MANAGERS_ONLY), changed: false };
  let result: Awaited<ReturnType<typeof setAutomationEnabled>>;
  try {
    result = await setAutomationEnabled(ctx.runtime, {
      tenantId: ctx.tenant.id,
      ruleId: request.ruleId,
      enabled: request.enabled,
      actor: chatSettingsActor(ctx),
    });
  } catch (error) {
    if (isAppError(error) && error.code === 'not_found')
      return {
        reply: noticeMessage(`No automation rule \`${request.ruleId}\`; \`/automations\` lists them.`),
        changed: false,
      };
    if (isAppError(error) && error.code === 'forbidden')
      return { reply: noticeMessage(AUTOMATIONS_MANAGERS_ONLY), changed: false };
    throw error;
  }
  const leads = result.cancelledRuns === 1 ? '1 lead' : `${result.cancelledRuns} leads`;
  const notice = request.enabled
    ? `▶️ **${result.name}** is on${result.changed ? '' : ' (it already was)'}.`
    : `⏸ **${result.name}** is off${result.changed ? '' : ' (it already was)'}` +
      `${result.cancelledRuns ? `: ${leads} taken out of it` : ''}.`;
  return { reply: await automationsCommand(ctx, { notice }), changed: true };
}
