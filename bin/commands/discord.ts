import type { Command } from 'commander';
import { AppError } from '../../core/errors/app-error.ts';
import { withRuntime } from '../with-runtime.ts';
import { id } from '../parse-option.ts';
import { printJson } from '../print.ts';

/** `porchlight discord register --tenant <id>`: (re)registers the slash commands in the tenant's guild. */
export function registerDiscordCommands(program: Command): void {
  const discord = program.command('discord').description('Discord bot setup');
  discord
    .command('register')
    .requiredOption('--tenant <id>', 'tenant whose Discord server gets the commands', id)
    .option('--json', 'print {"guildId","commands"}')
    .action(async (opts: { tenant: string; json?: boolean }) => {
      const [{ Routes }, { getTenant }, { discordRest }, { discordCommandDefinitions }] = await Promise.all([
        import('discord.js'),
        import('../../db/queries/tenants.ts'),
        import('../../bots/discord/discord-rest.ts'),
        import('../../bots/discord/discord-commands.ts'),
      ]);
      await withRuntime(async (rt) => {
        const appId = rt.env.DISCORD_APPLICATION_ID;
        if (!appId || !rt.env.DISCORD_BOT_TOKEN)
          throw new AppError(
            'invalid_config',
            'Set DISCORD_APPLICATION_ID and DISCORD_BOT_TOKEN first (Discord developer portal → your app).',
          );
        const tenant = await getTenant(rt.db, opts.tenant);
        if (!tenant) throw new AppError('not_found', `No tenant ${opts.tenant} (see porchlight tenant list)`);
        if (!tenant.discordGuildId)
          throw new AppError(
            'bad_request',
            `Tenant ${tenant.name} has no Discord server: porchlight tenant add --discord-guild <id>`,
          );
        // PUT replaces the guild's whole command set, so renamed or removed commands disappear too.
        const registered = (await discordRest(rt).put(Routes.applicationGuildCommands(appId, tenant.discordGuildId), {
          body: discordCommandDefinitions(),
        })) as Array<{ name: string }>;
        if (opts.json) return printJson({ guildId: tenant.discordGuildId, commands: registered.map((c) => c.name) });
        process.stdout.write(
          `registered ${registered.length} commands in guild ${tenant.discordGuildId}: ${registered.map((c) => `/${c.name}`).join(' ')}\n`,
        );
      });
    });
  discord
    .command('invite')
    .description('print the link that adds the bot to a Discord server, with the permissions it needs')
    .option('--json', 'print {"url","permissions","permissionNames"}')
    .action(async (opts: { json?: boolean }) => {
      const [{ cliContext }, invite] = await Promise.all([
        import('../env.ts'),
        import('../../bots/discord/discord-invite.ts'),
      ]);
      const { DISCORD_BOT_PERMISSIONS, discordInviteUrl, discordPermissionsInteger } = invite;
      const { env } = cliContext();
      if (!env.DISCORD_APPLICATION_ID)
        throw new AppError('invalid_config', 'Set DISCORD_APPLICATION_ID first (Discord developer portal → your app).');
      const url = discordInviteUrl(env.DISCORD_APPLICATION_ID);
      const permissionNames = Object.keys(DISCORD_BOT_PERMISSIONS);
      if (opts.json) {
        const permissions = discordPermissionsInteger().toString();
        process.stdout.write(`${JSON.stringify({ url, permissions, permissionNames })}\n`);
        return;
      }
      process.stdout.write(`Open as a server admin to add the bot (${permissionNames.join(', ')}):\n\n  ${url}\n`);
    });
}
