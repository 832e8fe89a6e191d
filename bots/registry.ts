import type { Env } from '../core/config/env-schema.ts';
import type { Channel, ChannelName } from './channel.ts';

/** The channels of one runtime (`runtime.channels`). */
export interface ChannelRegistry {
  /** In fallback order: stand-ins first, then the built-in channels they did not replace. */
  readonly all: readonly Channel[];
  byName(name: ChannelName): Channel | undefined;
}

/**
 * Every built-in channel, one entry each, in default fallback order. A channel is loaded (and with it its
 * provider's SDK and renderers) only when env can make it available: `configured` is the env half of its
 * `available()`, so a channel left out could never have been used.
 */
const BUILT_IN: ReadonlyArray<{ name: ChannelName; configured(env: Env): boolean; load(): Promise<Channel> }> = [
  {
    name: 'slack',
    configured: (env) => Boolean(env.SLACK_BOT_TOKEN || env.SLACK_CLIENT_ID),
    load: async () => (await import('./slack/slack-channel.ts')).slackChannel,
  },
  {
    name: 'discord',
    configured: (env) => Boolean(env.DISCORD_BOT_TOKEN),
    load: async () => (await import('./discord/discord-channel.ts')).discordChannel,
  },
  {
    name: 'terminal',
    configured: () => true,
    load: async () => (await import('./terminal/terminal-channel.ts')).terminalChannel,
  },
  {
    name: 'sms',
    configured: (env) =>
      Boolean(
        env.TWILIO_ACCOUNT_SID && env.TWILIO_AUTH_TOKEN && (env.TWILIO_FROM_NUMBER || env.TWILIO_MESSAGING_SERVICE_SID),
      ),
    load: async () => (await import('./sms/sms-channel.ts')).smsChannel,
  },
  {
    name: 'email',
    configured: (env) => Boolean(env.SENDGRID_API_KEY),
    load: async () => (await import('./email/email-channel.ts')).emailChannel,
  },
];

/**
 * The channels env configures, for `runtime.channels`. `standIns` replace the built-in channel of the same
 * name (a fake Slack in tests, a loopback provider in a crash test).
 * @example const channels = await loadChannelRegistry(env, [fakeSlack]); channels.byName('slack') === fakeSlack
 */
export async function loadChannelRegistry(env: Env, standIns: readonly Channel[] = []): Promise<ChannelRegistry> {
  const wanted = BUILT_IN.filter((c) => c.configured(env) && !standIns.some((s) => s.name === c.name));
  return createChannelRegistry(standIns, await Promise.all(wanted.map((c) => c.load())));
}

/**
 * `standIns` first, then the `builtIn` channels they do not replace.
 * @example rt.channels = createChannelRegistry([fakeSlack, ...rt.channels.all])
 */
export function createChannelRegistry(
  standIns: readonly Channel[] = [],
  builtIn: readonly Channel[] = [],
): ChannelRegistry {
  const all = [...standIns, ...builtIn.filter((c) => !standIns.some((s) => s.name === c.name))];
  return { all, byName: (name) => all.find((c) => c.name === name) };
}
