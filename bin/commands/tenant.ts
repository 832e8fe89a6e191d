import type { Command } from 'commander';
import { TimeZone } from '../../core/alerts/working-hours.ts';
import { withRuntime } from '../with-runtime.ts';
import { listTenants } from '../../db/queries/tenants.ts';
import { ghlLocationConnections } from '../../db/queries/ghl-locations.ts';
import { describeLocation, ghlLocationView } from './connect.ts';
import { addTenant } from '../../db/use-cases/tenants/add-tenant.ts';
import { AppError } from '../../core/errors/app-error.ts';
import { registerTenantSettingsCommands } from './tenant-settings.ts';

const E164 = /^\+[1-9]\d{6,14}$/;
const collect = (value: string, previous: string[] = []) => [...previous, value];

export function registerTenantCommands(program: Command): void {
  const tenant = program.command('tenant').description('Teams using Porchlight');
  tenant
    .command('add')
    .requiredOption('--name <name>', 'team name')
    .option('--ghl-location <id>', 'GHL location (sub-account) id; repeatable', collect)
    .option('--slack-team <id>', 'Slack team id (T…)')
    .option('--discord-guild <id>', 'Discord guild id')
    .option('--twilio-number <e164>', "the team's Twilio number, E.164")
    .option('--timezone <IANA>', 'office time zone', 'America/Chicago')
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
        if (opts.twilioNumber && !E164.test(opts.twilioNumber))
          throw new AppError(
            'bad_request',
            `--twilio-number must be E.164 like +15125550100, got ${opts.twilioNumber}`,
          );
        if (!isTimeZone(opts.timezone))
          throw new AppError('bad_request', `--timezone ${opts.timezone} is not an IANA time zone`);
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

/** One rule for time zones everywhere: the core schema (luxon's IANA check). */
export const isTimeZone = (zone: string): boolean => TimeZone.safeParse(zone).success;
