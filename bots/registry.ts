import type { Channel, ChannelName } from './channel.ts';

/** Every channel, one line each, in default fallback order. */
export const CHANNELS: Channel[] = [];

export function channelByName(name: ChannelName): Channel | undefined {
  return CHANNELS.find((c) => c.name === name);
}
