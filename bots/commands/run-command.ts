import { isAppError } from '../../core/errors/app-error.ts';
import { helpMessage } from '../message/help-message.ts';
import { noticeMessage, type ChatMessage } from '../message/chat-message.ts';
import { performAlertAction } from '../actions/perform-alert-action.ts';
import { performBulkAlertAction } from '../actions/perform-bulk-alert-action.ts';
import { pauseAgent } from '../actions/pause-agent.ts';
import { toggleAutomation } from '../actions/toggle-automation.ts';
import type { CommandContext } from './command-context.ts';
import type { Command } from './parse-command.ts';
import { topDealsCommand } from './top-deals.ts';
import { leadCommand } from './lead.ts';
import { propertyCommand } from './property.ts';
import { pipelineCommand } from './pipeline.ts';
import { alertCommand } from './alert.ts';
import { leaderboardCommand } from './leaderboard.ts';
import { reportCommand } from './report.ts';
import { rulesSimulateCommand } from './rules-simulate.ts';
import { linkCommand } from './link.ts';
import { awayCommand } from './away.ts';
import { backCommand } from './back.ts';
import { hoursCommand } from './hours.ts';
import { settingsCommand } from './settings.ts';
import { exportCommand } from './export.ts';
import { alertsCommand } from './alerts.ts';
import { teamCommand } from './team.ts';
import { automationsCommand } from './automations.ts';
import { automationsTestCommand } from './automations-test.ts';

/**
 * Runs one parsed command for a linked agent and returns what to show them. Expected failures
 * (`AppError`) become a sentence; anything else is logged with the request and answered with an
 * apology, so a user never sees a stack trace.
 */
export async function runCommand(ctx: CommandContext, command: Command): Promise<ChatMessage> {
  try {
    switch (command.name) {
      case 'top-deals':
        return await topDealsCommand(ctx, command);
      case 'lead':
        return await leadCommand(ctx, command);
      case 'property':
        return await propertyCommand(ctx, command);
      case 'pipeline':
        return await pipelineCommand(ctx);
      case 'alert':
        return await alertCommand(ctx, command);
      case 'leaderboard':
        return await leaderboardCommand(ctx, command);
      case 'report':
        return await reportCommand(ctx, command);
      case 'rules-simulate':
        return await rulesSimulateCommand(ctx, command);
      case 'help':
        return helpMessage();
      case 'link':
        if (ctx.platform === 'terminal' || !ctx.platformUserId)
          return noticeMessage(
            `In the terminal you act as ${ctx.actor.name}; use \`porchlight chat --as <email>\` to be someone else.`,
          );
        return await linkCommand({
          runtime: ctx.runtime,
          tenant: ctx.tenant,
          platform: ctx.platform,
          platformUserId: ctx.platformUserId,
          email: command.email,
        });
      case 'away':
        return await awayCommand(ctx, command);
      case 'back':
        return await backCommand(ctx);
      case 'hours':
        return await hoursCommand(ctx, command);
      case 'settings':
        return await settingsCommand(ctx, command);
      case 'export':
        return await exportCommand(ctx, command);
      case 'alert-action':
        return (await performAlertAction(ctx, command)).reply;
      case 'alerts':
        return await alertsCommand(ctx, command);
      case 'bulk-alert-action':
        return await performBulkAlertAction(ctx, command);
      case 'team':
        return await teamCommand(ctx);
      case 'pause-agent':
        return (await pauseAgent(ctx, command)).reply;
      case 'automations':
        return await automationsCommand(ctx);
      case 'automation-toggle':
        return (await toggleAutomation(ctx, command)).reply;
      case 'automations-test':
        return await automationsTestCommand(ctx, command);
    }
  } catch (error) {
    if (isAppError(error) && error.status < 500) return noticeMessage(error.message);
    ctx.runtime.logger.error({ err: error, command: command.name, tenantId: ctx.tenant.id }, 'chat command failed');
    return noticeMessage('Sorry, that failed on our side and has been logged. Try again in a moment.');
  }
}
