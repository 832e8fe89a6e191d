import type { DeliveryChannel } from './deliver-policy.ts';

/** What delivery planning did for one recipient; kept in the routing history and escalation audit. */
export interface PlannedDelivery {
  agentId: string;
  outcome: 'queued' | 'deferred' | 'digest' | 'duplicate';
  channel?: DeliveryChannel;
  deliveryId?: string;
  sendAfter?: string;
  reason: string;
}
