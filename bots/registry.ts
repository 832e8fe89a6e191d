import type { Channel, ChannelName } from './channel.ts';
import { slackChannel } from './slack/slack-channel.ts';
import { discordChannel } from './discord/discord-channel.ts';
import { terminalChannel } from './terminal/terminal-channel.ts';
import { smsChannel } from './sms/sms-channel.ts';
import { emailChannel } from './email/email-channel.ts';

/** The channels of one runtime (`runtime.channels`). */
export interface ChannelRegistry {
  /** In fallback order: stand-ins first, then the built-in channels they did not replace. */
  readonly all: readonly Channel[];
  byName(name: ChannelName): Channel | undefined;
}

/**
 * Every channel, one line each, in default fallback order. `standIns` replace the built-in
 * channel of the same name (a fake Slack in tests, a loopback provider in a crash test).
 * @example const channels = createChannelRegistry([fakeSlack]); channels.byName('slack') === fakeSlack
 */
export function createChannelRegistry(standIns: readonly Channel[] = []): ChannelRegistry {
  const builtIn = [slackChannel, discordChannel, terminalChannel, smsChannel, emailChannel];
  const all = [...standIns, ...builtIn.filter((c) => !standIns.some((s) => s.name === c.name))];
  return { all, byName: (name) => all.find((c) => c.name === name) };
}
