import { formatDryRunReport } from '../../core/automations/format-dry-run-report.ts';
import { AppError } from '../../core/errors/app-error.ts';
import { dryRunAutomations, type AutomationDryRun } from '../../db/use-cases/automations/dry-run-automations.ts';
import { chatMessage, noticeMessage, type ChatMessage } from '../message/chat-message.ts';
import type { CommandContext } from './command-context.ts';
import type { AutomationsTestArgs } from './parse-automations.ts';

const MANAGERS_ONLY = 'Only managers and admins can try automation rules.';
const ATTACH = {
  slack: 'Type `/automations test` alone: a form opens where you attach the rules file (JSON).',
  discord: 'Attach the rules file (JSON) in the `rules` option of `/automations test`.',
  terminal: 'Give the rules file: `automations test 30 rules.json`.',
} as const;
/** Slack refuses a section past 3,000 characters; lines are packed into sections below that. */
const SECTION_CHARS = 2_900;

function packed(lines: readonly string[]): string[] {
  const sections: string[] = [];
  for (const line of lines) {
    const last = sections.at(-1);
    if (last !== undefined && last.length + line.length + 1 <= SECTION_CHARS)
      sections[sections.length - 1] += `\n${line}`;
    else sections.push(line.slice(0, SECTION_CHARS));
  }
  return sections;
}

/** The dry run's answer in chat: the same lines the CLI prints, under a header with the window. */
export function dryRunMessage(report: AutomationDryRun): ChatMessage {
  const [intro, ...rest] = formatDryRunReport(report, report.timeZone);
  return chatMessage({
    header: `🧪 Automations dry run: last ${report.days} day${report.days === 1 ? '' : 's'}`,
    sections: packed([intro, ...rest]),
    context: ['Nothing was sent or changed. Save rules with `porchlight automations set <file>`.'],
    ephemeral: true,
  });
}

/**
 * `/automations test [days] <file>` (managers): the attached rules replayed over the team's last `days` of
 * stored events, answered with what they would have done. Sends and changes nothing.
 */
export async function automationsTestCommand(ctx: CommandContext, args: AutomationsTestArgs): Promise<ChatMessage> {
  if (ctx.actor.role === 'agent') return noticeMessage(MANAGERS_ONLY);
  if (!args.source || !ctx.readAttachment) return noticeMessage(ATTACH[ctx.platform]);
  const bytes = await ctx.readAttachment(args.source);
  let rules: unknown;
  try {
    rules = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch (error) {
    throw new AppError('validation_failed', `The rules file is not JSON: ${(error as Error).message}`);
  }
  const report = await dryRunAutomations(ctx.runtime, { tenantId: ctx.tenant.id, rules, days: args.days });
  return dryRunMessage(report);
}
