import type { Channel, ChannelName } from './channel.ts';
import { slackChannel } from './slack/slack-channel.ts';
import { discordChannel } from './discord/discord-channel.ts';
import { terminalChannel } from './terminal/terminal-channel.ts';
import { smsChannel } from './sms/sms-channel.ts';
import { emailChannel } from './email/email-channel.ts';

/** Every channel, one line each, in default fallback order. */
export const CHANNELS: Channel[] = [slackChannel, discordChannel, terminalChannel, smsChannel, emailChannel];

export function channelByName(name: ChannelName): Channel | undefined {
  return CHANNELS.find((c) => c.name === name);
}
