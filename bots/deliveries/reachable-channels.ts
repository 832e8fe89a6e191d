import type { DeliveryChannel } from '../../core/alerts/deliver-policy.ts';
import type { Reach } from '../../db/use-cases/deliveries/reach.ts';
import type { Agent, Tenant } from '../../db/queries/tenants.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import type { Channel, ChannelName } from '../channel.ts';

/** The channel registered under this name, if this runtime has one. */
export function channelNamed(runtime: Runtime, name: ChannelName | string): Channel | undefined {
  return runtime.channels.byName(name as ChannelName);
}

/** Channels this tenant has configured and where this agent can be reached on each, in registry order. */
function reachableChannels(
  runtime: Runtime,
  tenant: Tenant,
  agent: Agent,
): Map<DeliveryChannel, { channel: Channel; address: string }> {
  const reachable = new Map<DeliveryChannel, { channel: Channel; address: string }>();
  for (const channel of runtime.channels.all) {
    if (reachable.has(channel.name) || !channel.available(runtime, tenant)) continue;
    const address = channel.addressOf(agent);
    if (address) reachable.set(channel.name, { channel, address });
  }
  return reachable;
}

/**
 * The `reach` a delivery-planning use case takes: addresses only, so db/ never sees a channel.
 * `usable` narrows it to channels that can carry the message at hand (a digest needs `sendMessage`).
 * @example await routeAlert({ db, queue, clock, reach: reachOf(runtime) }, { tenantId, alertId })
 */
export function reachOf(runtime: Runtime, usable: (channel: Channel) => boolean = () => true): Reach {
  return (tenant, agent) =>
    new Map(
      [...reachableChannels(runtime, tenant, agent)]
        .filter(([, { channel }]) => usable(channel))
        .map(([name, { address }]) => [name, address]),
    );
}
