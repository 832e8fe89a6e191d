import type { Command } from 'commander';
import { withRuntime } from '../with-runtime.ts';
import { getTenant, listAgents } from '../../db/queries/tenants.ts';
import { addAgent } from '../../db/use-cases/tenants/add-agent.ts';
import { AppError } from '../../core/errors/app-error.ts';
import { isTimeZone } from './tenant.ts';
import { registerAgentSettingsCommands } from './agent-settings.ts';

interface AgentAddOptions {
  tenant: string;
  name: string;
  email: string;
  phone?: string;
  role: string;
  slackUser?: string;
  discordUser?: string;
  ghlUser?: string;
  areas?: string;
  timezone: string;
  json?: boolean;
}

export function registerAgentCommands(program: Command): void {
  const agent = program.command('agent').description("A team's agents, managers and admins");
  agent
    .command('add')
    .requiredOption('--tenant <id>', 'tenant id')
    .requiredOption('--name <name>', 'full name')
    .requiredOption('--email <email>', 'email (also used to link Slack users)')
    .option('--phone <e164>', 'mobile for critical alerts, E.164')
    .option('--role <role>', 'agent | manager | admin', 'agent')
    .option('--slack-user <id>', 'Slack user id (U…)')
    .option('--discord-user <id>', 'Discord user id')
    .option('--ghl-user <id>', 'GHL user id')
    .option('--areas <list>', 'comma-separated cities or postal codes this agent covers')
    .option('--timezone <IANA>', 'time zone', 'America/Chicago')
    .option('--json', 'print {"id"}')
    .action(async (opts: AgentAddOptions) => {
      if (!['agent', 'manager', 'admin'].includes(opts.role))
        throw new AppError('bad_request', `--role must be agent, manager or admin, got ${opts.role}`);
      if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(opts.email))
        throw new AppError('bad_request', `--email ${opts.email} is not an email address`);
      if (opts.phone && !/^\+[1-9]\d{6,14}$/.test(opts.phone))
        throw new AppError('bad_request', `--phone must be E.164 like +15125550100`);
      if (!isTimeZone(opts.timezone))
        throw new AppError('bad_request', `--timezone ${opts.timezone} is not an IANA time zone`);
      await withRuntime(async (rt) => {
        if (!(await getTenant(rt.db, opts.tenant)))
          throw new AppError('not_found', `No tenant with id ${opts.tenant} (see porchlight tenant list)`);
        const row = await addAgent(rt, {
          tenantId: opts.tenant,
          name: opts.name,
          email: opts.email.toLowerCase(),
          phone: opts.phone,
          role: opts.role as 'agent',
          slackUserId: opts.slackUser,
          discordUserId: opts.discordUser,
          ghlUserId: opts.ghlUser,
          areas: opts.areas
            ? opts.areas
                .split(',')
                .map((a) => a.trim())
                .filter(Boolean)
            : [],
          timezone: opts.timezone,
        });
        process.stdout.write(
          opts.json ? JSON.stringify({ id: row.id }) + '\n' : `agent ${row.name} created: ${row.id}\n`,
        );
      });
    });
  agent
    .command('list')
    .requiredOption('--tenant <id>', 'tenant id')
    .option('--json', 'machine-readable')
    .action(async (opts: { tenant: string; json?: boolean }) => {
      await withRuntime(async (rt) => {
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
