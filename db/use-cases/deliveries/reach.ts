import type { DeliveryChannel } from '../../../core/alerts/deliver-policy.ts';
import type { Agent, Tenant } from '../../queries/tenants.ts';

/**
 * Where an agent can be reached: each channel the tenant has configured and the agent is linked
 * on, with their address there, in the channel registry's order. Channels live in bots/, so the
 * adapter that calls a use case hands this in.
 */
export type Reach = (tenant: Tenant, agent: Agent) => Map<DeliveryChannel, string>;
