import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { id, createdAt, updatedAt } from './columns.ts';
import { tenants, agents } from './tenants.ts';
import { leads } from './leads.ts';

const tenantRef = () =>
  text('tenant_id')
    .notNull()
    .references(() => tenants.id, { onDelete: 'cascade' });

export const alerts = pgTable(
  'alerts',
  {
    id: id(),
    tenantId: tenantRef(),
    /** hot_lead | listing_match | price_drop | back_on_market | lead_reply | stale_lead */
    kind: text('kind').notNull(),
    priority: text('priority', { enum: ['critical', 'high', 'normal', 'low'] }).notNull(),
    /** open | claimed | assigned | acknowledged | contacted | won | lost | dismissed | expired */
    status: text('status', {
      enum: ['open', 'claimed', 'assigned', 'acknowledged', 'contacted', 'won', 'lost', 'dismissed', 'expired'],
    })
      .notNull()
      .default('open'),
    leadId: text('lead_id').references(() => leads.id, { onDelete: 'cascade' }),
    listingKey: text('listing_key'),
    matchId: text('match_id'),
    /** (lead, listing, kind, window bucket): the unique index makes dedupe race-free. */
    dedupeKey: text('dedupe_key').notNull(),
    reason: text('reason').notNull(),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    assigneeId: text('assignee_id').references(() => agents.id, { onDelete: 'set null' }),
    /** Routing explanation: rule matched, agents skipped and why, strategy steps. */
    routing: jsonb('routing').$type<Record<string, unknown>>(),
    escalationLevel: integer('escalation_level').notNull().default(0),
    escalateAt: timestamp('escalate_at', { withTimezone: true }),
    /** When the last escalation rung (or end-of-snooze re-notify) fired: the next rung waits from here. */
    lastEscalatedAt: timestamp('last_escalated_at', { withTimezone: true }),
    snoozedUntil: timestamp('snoozed_until', { withTimezone: true }),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    claimedAt: timestamp('claimed_at', { withTimezone: true }),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    contactedAt: timestamp('contacted_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /**
     * Speed to chat, one stamp per stage (core/alerts/alert-timings.ts), each written by the step that owns it:
     * the receipt of the inbound event that caused the alert, when it was applied and scored, when the alert was
     * raised and routed, and when its first copy reached someone.
     */
    receivedAt: timestamp('received_at', { withTimezone: true }),
    appliedAt: timestamp('applied_at', { withTimezone: true }),
    scoredAt: timestamp('scored_at', { withTimezone: true }),
    raisedAt: timestamp('raised_at', { withTimezone: true }),
    routedAt: timestamp('routed_at', { withTimezone: true }),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('alerts_dedupe_uq').on(t.tenantId, t.dedupeKey),
    index('alerts_tenant_status_idx').on(t.tenantId, t.status, t.priority),
    index('alerts_escalate_idx').on(t.escalateAt),
    index('alerts_lead_idx').on(t.leadId),
    // Exports page through a tenant's alerts in (created_at, id) order, a page per index range scan.
    index('alerts_tenant_created_idx').on(t.tenantId, t.createdAt, t.id),
  ],
);

/** Who was offered / claimed / assigned an alert, in order. */
export const alertAssignments = pgTable(
  'alert_assignments',
  {
    id: id(),
    tenantId: tenantRef(),
    alertId: text('alert_id')
      .notNull()
      .references(() => alerts.id, { onDelete: 'cascade' }),
    agentId: text('agent_id').references(() => agents.id, { onDelete: 'set null' }),
    /** offer | claim | assign | route | release | escalate */
    kind: text('kind').notNull(),
    actorId: text('actor_id'),
    reason: text('reason'),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('alert_assignments_alert_idx').on(t.alertId, t.createdAt)],
);

/** One row per (alert, channel, recipient) delivery; attempts update it. The key makes retries idempotent. */
export const deliveries = pgTable(
  'deliveries',
  {
    id: id(),
    tenantId: tenantRef(),
    alertId: text('alert_id').references(() => alerts.id, { onDelete: 'cascade' }),
    idempotencyKey: text('idempotency_key').notNull(),
    /** slack | discord | sms | email | terminal */
    channel: text('channel').notNull(),
    /** Slack/Discord user or channel id, E.164 phone, or email. */
    recipient: text('recipient').notNull(),
    recipientKind: text('recipient_kind', { enum: ['agent', 'lead', 'channel'] }).notNull(),
    /** pending | sending | sent | delivered | failed | suppressed | deferred | undelivered | uncertain */
    status: text('status').notNull().default('pending'),
    providerMessageId: text('provider_message_id'),
    /** For chat: where the copy lives so it can be updated (channel + ts / message id). */
    ref: jsonb('ref').$type<Record<string, unknown>>(),
    /**
     * A plain text composed before sending (an answer to an agent's SMS). Alert cards and digests
     * are drawn at send time; a lead's message keeps its content in lead_messages.
     */
    body: text('body'),
    /**
     * A hash of exactly what the current attempt hands the provider (an SMS body, an email), written and
     * committed just before the call and cleared by each claim: after a crash, none means the provider was
     * never called, and an SMS is found again in Twilio's message list by it.
     */
    handedOver: text('handed_over'),
    error: text('error'),
    attempts: integer('attempts').notNull().default(0),
    sendAfter: timestamp('send_after', { withTimezone: true }),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    statusAt: timestamp('status_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('deliveries_idempotency_uq').on(t.idempotencyKey),
    index('deliveries_alert_idx').on(t.alertId),
    index('deliveries_provider_msg_idx').on(t.channel, t.providerMessageId),
    // Copies still to go out to one address: what an urgent-first check looks at before each send.
    index('deliveries_waiting_idx')
      .on(t.tenantId, t.channel, t.recipient)
      .where(sql`${t.status} in ('pending', 'deferred', 'sending')`),
  ],
);

/** Items waiting for the next digest (alert overflow past caps, daily/weekly searches). */
export const digestItems = pgTable(
  'digest_items',
  {
    id: id(),
    tenantId: tenantRef(),
    recipientKind: text('recipient_kind', { enum: ['agent', 'lead'] }).notNull(),
    recipientId: text('recipient_id').notNull(),
    alertId: text('alert_id').references(() => alerts.id, { onDelete: 'cascade' }),
    matchId: text('match_id'),
    reason: text('reason').notNull(),
    /** The digest delivery that carried it (set when the digest is planned). */
    deliveryId: text('delivery_id').references(() => deliveries.id, { onDelete: 'set null' }),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('digest_items_pending_idx').on(t.tenantId, t.recipientKind, t.recipientId, t.sentAt)],
);
