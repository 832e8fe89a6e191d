import type { Command } from 'commander';
import { AppError } from '../../core/errors/app-error.ts';
import { withRuntime } from '../with-runtime.ts';
import { id } from '../parse-option.ts';
import { printJson } from '../print.ts';

/**
 * `porchlight link slack --tenant <id>`: links every unlinked agent to the Slack user with the same
 * email (`users.lookupByEmail`, scope users:read.email), so alerts can DM them from the start.
 */
export function registerLinkCommands(program: Command): void {
  program
    .command('link')
    .description('Link agents to chat users')
    .command('slack')
    .requiredOption('--tenant <id>', 'tenant id', id)
    .option('--json', 'print {"linked":[{"agentId","name","slackUserId"}],"unmatched":[{"agentId","name"}]}')
    .action(async (opts: { tenant: string; json?: boolean }) => {
      const [{ agentsWithoutSlackUser }, { getTenant }, { linkSlackUserByEmail }, { slackWeb }] = await Promise.all([
        import('../../db/queries/agents/chat-links.ts'),
        import('../../db/queries/tenants.ts'),
        import('../../db/use-cases/tenants/link-slack-user-by-email.ts'),
        import('../../bots/slack/slack-web.ts'),
      ]);
      await withRuntime(async (rt) => {
        if (!rt.env.SLACK_BOT_TOKEN) throw new AppError('invalid_config', 'Set SLACK_BOT_TOKEN first.');
        const tenant = await getTenant(rt.db, opts.tenant);
        if (!tenant) throw new AppError('not_found', `No tenant ${opts.tenant}`);
        const linked: Array<{ agentId: string; name: string; slackUserId: string }> = [];
        const unmatched: Array<{ agentId: string; name: string }> = [];
        const lines: string[] = [];
        for (const agent of await agentsWithoutSlackUser(rt.db, tenant.id)) {
          try {
            const res = await slackWeb(rt).users.lookupByEmail({ email: agent.email });
            if (!res.user?.id) continue;
            const input = { tenantId: tenant.id, email: agent.email, slackUserId: res.user.id };
            if (!(await linkSlackUserByEmail(rt, input))) continue;
            linked.push({ agentId: agent.id, name: agent.name, slackUserId: res.user.id });
            lines.push(`linked ${agent.name} → ${res.user.id}`);
          } catch {
            unmatched.push({ agentId: agent.id, name: agent.name });
            lines.push(`no Slack user for ${agent.name}; they can run /porchlight link <email>`);
          }
        }
        if (opts.json) return printJson({ linked, unmatched });
        for (const line of lines) process.stdout.write(`${line}\n`);
      });
    });
}
