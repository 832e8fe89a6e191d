import { z } from 'zod';

export const AlertKind = z.enum([
  'hot_lead',
  'listing_match',
  'price_drop',
  'back_on_market',
  'lead_reply',
  'stale_lead',
]);
export type AlertKind = z.infer<typeof AlertKind>;

export const AlertPriority = z.enum(['critical', 'high', 'normal', 'low']);
export type AlertPriority = z.infer<typeof AlertPriority>;

export const AlertStatus = z.enum([
  'open',
  'claimed',
  'assigned',
  'acknowledged',
  'contacted',
  'won',
  'lost',
  'dismissed',
  'expired',
]);
export type AlertStatus = z.infer<typeof AlertStatus>;

/** What people (buttons, REST, CLI) and the system can do to an alert. `snooze` keeps the status. */
export const AlertActionType = z.enum([
  'claim',
  'assign',
  'acknowledge',
  'contact',
  'win',
  'lose',
  'dismiss',
  'expire',
  'snooze',
]);
export type AlertActionType = z.infer<typeof AlertActionType>;

export const TERMINAL_STATUSES: readonly AlertStatus[] = ['won', 'lost', 'dismissed', 'expired'];

/**
 * The life cycle: open → claimed|assigned → acknowledged → contacted → won|lost, or dismissed|expired.
 * A contact seen in GHL may arrive before anyone pressed Acknowledge, so `contact` also leaves
 * claimed/assigned; likewise a deal can be won or lost (a Won button, GHL's opportunity status) from
 * any held state. A manager may re-assign until the alert is acknowledged.
 */
export const ALERT_TRANSITIONS: Readonly<
  Record<AlertActionType, { from: readonly AlertStatus[]; to: AlertStatus | 'same' }>
> = {
  claim: { from: ['open'], to: 'claimed' },
  assign: { from: ['open', 'claimed', 'assigned'], to: 'assigned' },
  acknowledge: { from: ['claimed', 'assigned'], to: 'acknowledged' },
  contact: { from: ['claimed', 'assigned', 'acknowledged'], to: 'contacted' },
  win: { from: ['claimed', 'assigned', 'acknowledged', 'contacted'], to: 'won' },
  lose: { from: ['claimed', 'assigned', 'acknowledged', 'contacted'], to: 'lost' },
  dismiss: { from: ['open', 'claimed', 'assigned', 'acknowledged', 'contacted'], to: 'dismissed' },
  expire: { from: ['open', 'claimed', 'assigned', 'acknowledged'], to: 'expired' },
  snooze: { from: ['open', 'claimed', 'assigned', 'acknowledged'], to: 'same' },
};

export const ActorRole = z.enum(['agent', 'manager', 'admin', 'system']);
export type ActorRole = z.infer<typeof ActorRole>;

/** Who acts: an agent or manager (by agent id), or the system (routing, GHL sync, expiry job). */
export const AlertActor = z.object({ id: z.string().min(1), role: ActorRole });
export type AlertActor = z.infer<typeof AlertActor>;

export const AlertAction = z.discriminatedUnion('type', [
  z.object({ type: z.literal('claim'), reason: z.string().optional() }),
  z.object({
    type: z.literal('assign'),
    targetAgentId: z.string().min(1),
    /** Take the alert only if nobody but the target holds it (a bulk assign never takes one from a colleague). */
    unheldOnly: z.boolean().optional(),
    reason: z.string().optional(),
  }),
  z.object({ type: z.literal('acknowledge'), reason: z.string().optional() }),
  z.object({ type: z.literal('contact'), reason: z.string().optional() }),
  z.object({ type: z.literal('win'), reason: z.string().optional() }),
  z.object({ type: z.literal('lose'), reason: z.string().optional() }),
  z.object({ type: z.literal('dismiss'), reason: z.string().optional() }),
  z.object({ type: z.literal('expire'), reason: z.string().optional() }),
  z.object({
    type: z.literal('snooze'),
    minutes: z
      .number()
      .int()
      .positive()
      .max(7 * 24 * 60)
      .default(60),
    reason: z.string().optional(),
  }),
]);
export type AlertAction = z.input<typeof AlertAction>;

/** The life-cycle columns of an `alerts` row; callers may pass the whole row and get it back. */
export const AlertLifecycle = z.object({
  id: z.string(),
  status: AlertStatus,
  assigneeId: z.string().nullable(),
  escalationLevel: z.number().int().min(0),
  snoozedUntil: z.date().nullable(),
  claimedAt: z.date().nullable(),
  acknowledgedAt: z.date().nullable(),
  contactedAt: z.date().nullable(),
  closedAt: z.date().nullable(),
});
export type AlertLifecycle = z.infer<typeof AlertLifecycle>;

/** One audit-log line per transition (`alert_assignments` / audit log). */
export const AlertAuditEntry = z.object({
  alertId: z.string(),
  action: AlertActionType,
  actor: AlertActor,
  reason: z.string(),
  from: AlertStatus,
  to: AlertStatus,
  targetAgentId: z.string().optional(),
  at: z.date(),
});
export type AlertAuditEntry = z.infer<typeof AlertAuditEntry>;
