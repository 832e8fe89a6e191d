import type { Command } from 'commander';
import { and, eq, isNull } from 'drizzle-orm';
import { agents } from '../../db/schema/index.ts';
import { getTenant } from '../../db/queries/tenants.ts';
import { AppError } from '../../core/errors/app-error.ts';
import { slackWeb } from '../../bots/slack/slack-web.ts';
import { withRuntime } from '../with-runtime.ts';

/**
 * `porchlight link slack --tenant <id>`: links every unlinked agent to the Slack user with the same
 * email (`users.lookupByEmail`, scope users:read.email), so alerts can DM them from the start.
 */
export function registerLinkCommands(program: Command): void {
  program
    .command('link')
    .description('Link agents to chat users')
    .command('slack')
    .requiredOption('--tenant <id>', 'tenant id')
    .action(async (opts: { tenant: string }) => {
      await withRuntime(async (rt) => {
        if (!rt.env.SLACK_BOT_TOKEN) throw new AppError('invalid_config', 'Set SLACK_BOT_TOKEN first.');
        const tenant = await getTenant(rt.db, opts.tenant);
        if (!tenant) throw new AppError('not_found', `No tenant ${opts.tenant}`);
        const unlinked = await rt.db
          .select()
          .from(agents)
          .where(and(eq(agents.tenantId, tenant.id), isNull(agents.slackUserId), eq(agents.active, true)));
        for (const agent of unlinked) {
          try {
            const res = await slackWeb(rt).users.lookupByEmail({ email: agent.email });
            if (!res.user?.id) continue;
            await rt.db.update(agents).set({ slackUserId: res.user.id }).where(eq(agents.id, agent.id));
            process.stdout.write(`linked ${agent.name} → ${res.user.id}\n`);
          } catch {
            process.stdout.write(`no Slack user for ${agent.name}; they can run /porchlight link <email>\n`);
          }
        }
      });
    });
}
