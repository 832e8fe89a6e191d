import { AppError } from '../../core/errors/app-error.ts';
import { simulateRoutingChange } from '../../db/use-cases/routing/simulate-routing-change.ts';
import { noticeMessage, type ChatMessage } from '../message/chat-message.ts';
import { simulationMessage } from '../routing-simulation/simulation-message.ts';
import type { CommandContext } from './command-context.ts';
import type { RulesSimulateArgs } from './parse-rules.ts';

const MANAGERS_ONLY = 'Only managers and admins can simulate routing rules.';
const ATTACH = {
  slack: 'Type `/rules simulate` alone: a form opens where you attach the rules file (JSON).',
  discord: 'Attach the rules file (JSON) in the `rules` option of `/rules simulate`.',
  terminal: 'Give the rules file: `rules simulate 30 rules.json`.',
} as const;

/**
 * `/rules simulate [days] <file>` (managers): the attached candidate rules replayed over the
 * team's last `days` of alerts beside the current rules, answered with the per-agent table,
 * a chart and a CSV. Changes nothing; `porchlight rules set` does.
 */
export async function rulesSimulateCommand(ctx: CommandContext, args: RulesSimulateArgs): Promise<ChatMessage> {
  if (ctx.actor.role === 'agent') return noticeMessage(MANAGERS_ONLY);
  if (!args.source || !ctx.readAttachment) return noticeMessage(ATTACH[ctx.platform]);
  const bytes = await ctx.readAttachment(args.source);
  let candidate: unknown;
  try {
    candidate = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch (error) {
    throw new AppError('validation_failed', `The rules file is not JSON: ${(error as Error).message}`);
  }
  const sim = await simulateRoutingChange(ctx.runtime, { tenantId: ctx.tenant.id, candidate, days: args.days });
  return simulationMessage(sim);
}
