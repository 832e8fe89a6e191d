import type { Runtime } from '../jobs/runtime.ts';
import type { AlertView } from './message/alert-message.ts';
import type { Tenant, Agent } from '../db/queries/tenants.ts';

export type ChannelName = 'slack' | 'discord' | 'sms' | 'email' | 'terminal';

export interface AlertDelivery {
  tenant: Tenant;
  view: AlertView;
  /** Channel-specific address: Slack/Discord user or channel id, E.164 phone, email, 'console'. */
  recipient: string;
  recipientKind: 'agent' | 'lead' | 'channel';
  /** alert id + channel + recipient: providers that accept one get it, so a retried send never doubles. */
  idempotencyKey: string;
}

/** A provider failure is data (Novu style): the delivery row records it and the job policy decides. */
export type DeliveryResult =
  | { ok: true; providerMessageId?: string; ref?: Record<string, unknown> }
  | { ok: false; error: string; permanent: boolean; suppressed?: boolean };

/**
 * One interface per chat/messaging surface. Adding a channel = one folder implementing this and one
 * line in bots/registry.ts.
 */
export interface Channel {
  readonly name: ChannelName;
  /** Configured for this tenant (credentials present)? */
  available(runtime: Runtime, tenant: Tenant): boolean;
  /** Where this agent is reached on this channel, or null when they are not linked. */
  addressOf(agent: Agent): string | null;
  deliverAlert(runtime: Runtime, delivery: AlertDelivery): Promise<DeliveryResult>;
  /** Re-render a message already posted (after a claim/assign), where the platform allows. */
  updateAlert?(runtime: Runtime, tenant: Tenant, ref: Record<string, unknown>, view: AlertView): Promise<void>;
}
