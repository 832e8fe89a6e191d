import { automationOverview } from '../../db/queries/automations/automation-overview.ts';
import { automationsMessage } from '../message/automations-message.ts';
import type { ChatMessage } from '../message/chat-message.ts';
import { isManagerRole } from './alerts.ts';
import type { CommandContext } from './command-context.ts';

/** `/automations`: the team's rules, how many leads each holds now, and On/Off buttons for managers. */
export async function automationsCommand(ctx: CommandContext, options: { notice?: string } = {}): Promise<ChatMessage> {
  const { rules, state } = await automationOverview(ctx.runtime.db, ctx.tenant.id);
  return automationsMessage({
    teamName: ctx.tenant.name,
    rows: rules.map((rule, i) => ({
      ruleId: rule.id,
      name: rule.name,
      enabled: state[i].enabled,
      when: rule.when,
      steps: rule.then.length,
      activeRuns: state[i].activeRuns,
    })),
    canManage: isManagerRole(ctx.actor),
    ...(options.notice ? { notice: options.notice } : {}),
  });
}
