import { PermissionFlagsBits } from 'discord-api-types/v10';

/**
 * What the bot does in a server, by Discord's permission names: read the channel it posts alerts to, post them
 * with embeds and chart images, find its own earlier posts (a crashed send, by nonce) and answer slash commands.
 */
export const DISCORD_BOT_PERMISSIONS = {
  ViewChannel: PermissionFlagsBits.ViewChannel,
  SendMessages: PermissionFlagsBits.SendMessages,
  SendMessagesInThreads: PermissionFlagsBits.SendMessagesInThreads,
  EmbedLinks: PermissionFlagsBits.EmbedLinks,
  AttachFiles: PermissionFlagsBits.AttachFiles,
  ReadMessageHistory: PermissionFlagsBits.ReadMessageHistory,
  UseApplicationCommands: PermissionFlagsBits.UseApplicationCommands,
} as const;

export function discordPermissionsInteger(): bigint {
  return Object.values(DISCORD_BOT_PERMISSIONS).reduce((all, flag) => all | flag, 0n);
}

/**
 * The URL a server admin opens to add the bot with exactly those permissions.
 * @example discordInviteUrl('1234') // https://discord.com/oauth2/authorize?client_id=1234&scope=bot+applications.commands&permissions=…
 */
export function discordInviteUrl(applicationId: string): string {
  const params = new URLSearchParams({
    client_id: applicationId,
    scope: 'bot applications.commands',
    permissions: discordPermissionsInteger().toString(),
  });
  return `https://discord.com/oauth2/authorize?${params.toString()}`;
}
