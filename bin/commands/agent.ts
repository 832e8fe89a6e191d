import type { Command } from 'commander';
import { withRuntime } from '../with-runtime.ts';
import { AppError } from '../../core/errors/app-error.ts';
import { registerAgentSettingsCommands } from './agent-settings.ts';
import { commaList, discordId, e164, email, id, oneOf, slackUserId, timeZone } from '../parse-option.ts';

const ROLES = ['agent', 'manager', 'admin'] as const;

interface AgentAddOptions {
  tenant: string;
  name: string;
  email: string;
  phone?: string;
  role: (typeof ROLES)[number];
  slackUser?: string;
  discordUser?: string;
  ghlUser?: string;
  areas?: string[];
  timezone: string;
  json?: boolean;
}

export function registerAgentCommands(program: Command): void {
  const agent = program.command('agent').description("A team's agents, managers and admins");
  agent
    .command('add')
    .requiredOption('--tenant <id>', 'tenant id', id)
    .requiredOption('--name <name>', 'full name')
    .requiredOption('--email <email>', 'email (also used to link Slack users)', email)
    .option('--phone <e164>', 'mobile for critical alerts, E.164', e164)
    .option('--role <role>', 'agent | manager | admin', oneOf(ROLES), 'agent')
    .option('--slack-user <id>', 'Slack user id (U…)', slackUserId)
    .option('--discord-user <id>', 'Discord user id', discordId)
    .option('--ghl-user <id>', 'GHL user id', id)
    .option('--areas <list>', 'comma-separated cities or postal codes this agent covers', commaList())
    .option('--timezone <IANA>', 'time zone', timeZone, 'America/Chicago')
    .option('--json', 'print {"id"}')
    .action(async (opts: AgentAddOptions) => {
      const [{ getTenant }, { addAgent }] = await Promise.all([
        import('../../db/queries/tenants.ts'),
        import('../../db/use-cases/tenants/add-agent.ts'),
      ]);
      await withRuntime(async (rt) => {
        if (!(await getTenant(rt.db, opts.tenant)))
          throw new AppError('not_found', `No tenant with id ${opts.tenant} (see porchlight tenant list)`);
        const row = await addAgent(rt, {
          tenantId: opts.tenant,
          name: opts.name,
          email: opts.email.toLowerCase(),
          phone: opts.phone,
          role: opts.role,
          slackUserId: opts.slackUser,
          discordUserId: opts.discordUser,
          ghlUserId: opts.ghlUser,
          areas: opts.areas ?? [],
          timezone: opts.timezone,
        });
        process.stdout.write(
          opts.json ? JSON.stringify({ id: row.id }) + '\n' : `agent ${row.name} created: ${row.id}\n`,
        );
      });
    });
  agent
    .command('list')
    .requiredOption('--tenant <id>', 'tenant id', id)
    .option('--json', 'machine-readable')
    .action(async (opts: { tenant: string; json?: boolean }) => {
      const { getTenant, listAgents } = await import('../../db/queries/tenants.ts');
      await withRuntime(async (rt) => {
        if (!(await getTenant(rt.db, opts.tenant)))
          throw new AppError('not_found', `No tenant with id ${opts.tenant} (see porchlight tenant list)`);
        const rows = (await listAgents(rt.db, opts.tenant)).map((a) => ({
          id: a.id,
          name: a.name,
          email: a.email,
          role: a.role,
          areas: a.areas,
          slackUser: a.slackUserId,
          discordUser: a.discordUserId,
        }));
        if (opts.json) process.stdout.write(JSON.stringify(rows) + '\n');
        else
          for (const r of rows)
            process.stdout.write(`${r.id}  ${r.name}  ${r.role}  ${r.email}  ${r.areas.join(',')}\n`);
      });
    });
  registerAgentSettingsCommands(agent);
}
