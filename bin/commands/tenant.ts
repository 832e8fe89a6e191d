import type { Command } from 'commander';
import { withRuntime } from '../with-runtime.ts';
import { describeLocation, ghlLocationView } from './connect.ts';
import { registerTenantSettingsCommands } from './tenant-settings.ts';
import { discordId, e164, each, id, slackTeamId, timeZone } from '../parse-option.ts';

export function registerTenantCommands(program: Command): void {
  const tenant = program.command('tenant').description('Teams using Porchlight');
  tenant
    .command('add')
    .requiredOption('--name <name>', 'team name')
    .option('--ghl-location <id>', 'GHL location (sub-account) id; repeatable', each(id))
    .option('--slack-team <id>', 'Slack team id (T…)', slackTeamId)
    .option('--discord-guild <id>', 'Discord guild id', discordId)
    .option('--twilio-number <e164>', "the team's Twilio number, E.164", e164)
    .option('--timezone <IANA>', 'office time zone', timeZone, 'America/Chicago')
    .option('--json', 'print {"id","apiKey"}')
    .action(
      async (opts: {
        name: string;
        ghlLocation?: string[];
        slackTeam?: string;
        discordGuild?: string;
        twilioNumber?: string;
        timezone: string;
        json?: boolean;
      }) => {
        const { addTenant } = await import('../../db/use-cases/tenants/add-tenant.ts');
        await withRuntime(async (rt) => {
          const { tenant: t, apiKey } = await addTenant(rt, {
            name: opts.name,
            ghlLocations: opts.ghlLocation,
            slackTeamId: opts.slackTeam,
            discordGuildId: opts.discordGuild,
            twilioNumber: opts.twilioNumber,
            timezone: opts.timezone,
          });
          if (opts.json) process.stdout.write(JSON.stringify({ id: t.id, apiKey }) + '\n');
          else
            process.stdout.write(
              `tenant ${t.name} created\n  id:      ${t.id}\n  API key: ${apiKey}  (shown once; keep it safe)\n`,
            );
        });
      },
    );
  tenant
    .command('list')
    .option('--json', 'machine-readable')
    .action(async (opts: { json?: boolean }) => {
      const [{ listTenants }, { ghlLocationConnections }] = await Promise.all([
        import('../../db/queries/tenants.ts'),
        import('../../db/queries/ghl-locations.ts'),
      ]);
      await withRuntime(async (rt) => {
        const connections = await ghlLocationConnections(rt.db);
        const rows = (await listTenants(rt.db)).map((t) => ({
          id: t.id,
          name: t.name,
          timezone: t.timezone,
          ghlLocations: t.locations,
          locations: connections.filter((l) => l.tenantId === t.id).map(ghlLocationView),
          slackTeam: t.slackTeamId,
          discordGuild: t.discordGuildId,
          twilioNumber: t.twilioNumber,
        }));
        if (opts.json) process.stdout.write(JSON.stringify(rows) + '\n');
        else if (!rows.length) process.stdout.write('no tenants yet: porchlight tenant add --name "My Team"\n');
        else
          for (const r of rows)
            process.stdout.write(
              `${r.id}  ${r.name}  ${r.timezone}  locations: ${r.locations.map(describeLocation).join(', ') || '-'}\n`,
            );
      });
    });
  registerTenantSettingsCommands(tenant);
}
