import type { Runtime } from '../jobs/runtime.ts';
import type { AlertView } from './message/alert-message.ts';
import type { ChatMessage } from './message/chat-message.ts';
import type { Tenant, Agent } from '../db/queries/tenants.ts';
import type { DeliveryResult, InterruptedAttempt } from '../core/messaging/delivery-result.ts';

export type { DeliveryResult, InterruptedAttempt };

export type ChannelName = 'slack' | 'discord' | 'sms' | 'email' | 'terminal';

export interface AlertDelivery {
  tenant: Tenant;
  view: AlertView;
  /** Channel-specific address: Slack/Discord user or channel id, E.164 phone, email, 'console'. */
  recipient: string;
  recipientKind: 'agent' | 'lead' | 'channel';
  /** alert id + channel + recipient: providers that accept one get it, so a retried send never doubles. */
  idempotencyKey: string;
  /**
   * For a provider with no idempotency key (Twilio): called with a hash of exactly what is about to be
   * handed over (`bots/sms/sms-fingerprint.ts`), committed before the call, so `findDelivered` can look
   * for it after a crash.
   */
  markHandedOver?(fingerprint: string): Promise<void>;
}

/** A delivery whose last attempt may or may not have reached the provider (the worker died mid-send). */
export interface UncertainDelivery {
  tenant: Tenant;
  deliveryId: string;
  recipient: string;
  recipientKind: 'agent' | 'lead' | 'channel';
  idempotencyKey: string;
  /** When the interrupted attempt started; a provider search can start here. */
  attemptStartedAt: Date | null;
  /** The alert this is a copy of, if it is one: a card can be recognised by the alert its buttons act on. */
  alertId?: string | null;
  /** What it handed over (see `AlertDelivery.markHandedOver`); null: it never called the provider. */
  handedOver?: string | null;
}

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
  /**
   * Asked before re-sending a delivery a dead worker left `sending`: did the provider get it? Look
   * it up by the idempotency key (Slack message metadata, Discord nonce, a provider's own key) and
   * return the result as if just sent, or null when it never arrived (any other result counts as
   * null), or `uncertain` when there is no telling and a duplicate would do more harm than a gap.
   * Channels without this are sent again, so a crash at the wrong instant can post one duplicate there.
   */
  findDelivered?(runtime: Runtime, delivery: UncertainDelivery): Promise<DeliveryResult | InterruptedAttempt | null>;
  /** Any other one-off message to one recipient (the agent digest); same contract as deliverAlert. */
  sendMessage?(
    runtime: Runtime,
    delivery: Omit<AlertDelivery, 'view'> & { message: ChatMessage },
  ): Promise<DeliveryResult>;
  /** A plain text composed ahead of time (the answer to an agent's SMS); same contract as deliverAlert. */
  sendText?(runtime: Runtime, delivery: Omit<AlertDelivery, 'view'> & { text: string }): Promise<DeliveryResult>;
  /** Re-render a message already posted (after a claim/assign), where the platform allows. */
  updateAlert?(runtime: Runtime, tenant: Tenant, ref: Record<string, unknown>, view: AlertView): Promise<void>;
}
