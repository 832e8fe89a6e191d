import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { id, createdAt, updatedAt } from './columns.ts';
import { tenants, agents } from './tenants.ts';
import { leads } from './leads.ts';
import { deliveries, alerts } from './alerts.ts';

const tenantRef = () =>
  text('tenant_id')
    .notNull()
    .references(() => tenants.id, { onDelete: 'cascade' });

/**
 * What a delivery to a lead says. Kept apart from `deliveries` (which every channel shares) so a
 * message deferred by quiet hours can be sent hours later exactly as it was composed.
 */
export const leadMessages = pgTable(
  'lead_messages',
  {
    deliveryId: text('delivery_id')
      .primaryKey()
      .references(() => deliveries.id, { onDelete: 'cascade' }),
    tenantId: tenantRef(),
    leadId: text('lead_id')
      .notNull()
      .references(() => leads.id, { onDelete: 'cascade' }),
    /** reply | listing | digest | still_interested | draft */
    purpose: text('purpose').notNull(),
    /** Automated messages carry the opt-out disclosure the first time; an agent's own words do not. */
    automated: boolean('automated').notNull().default(true),
    body: text('body'),
    subject: text('subject'),
    html: text('html'),
    /** Lead texted within the reply window: a conversational answer, not subject to quiet hours. */
    replyToAt: timestamp('reply_to_at', { withTimezone: true }),
    customArgs: jsonb('custom_args').$type<Record<string, string>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [index('lead_messages_lead_idx').on(t.tenantId, t.leadId)],
);

/** AI-written replies waiting for an agent's approval (tenants.settings.sms.approveDrafts). */
export const messageDrafts = pgTable(
  'message_drafts',
  {
    id: id(),
    tenantId: tenantRef(),
    leadId: text('lead_id')
      .notNull()
      .references(() => leads.id, { onDelete: 'cascade' }),
    body: text('body').notNull(),
    /** pending | approved | rejected */
    status: text('status').notNull().default('pending'),
    alertId: text('alert_id').references(() => alerts.id, { onDelete: 'set null' }),
    inboundEventId: text('inbound_event_id'),
    decidedBy: text('decided_by').references(() => agents.id, { onDelete: 'set null' }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('message_drafts_lead_idx').on(t.tenantId, t.leadId, t.status)],
);

/** Per-lead email cadence state for core/messaging/email-frequency.ts. */
export const emailEngagement = pgTable(
  'email_engagement',
  {
    tenantId: tenantRef(),
    leadId: text('lead_id')
      .notNull()
      .references(() => leads.id, { onDelete: 'cascade' }),
    /** instant | daily | weekly: what the lead chose */
    preferred: text('preferred').notNull(),
    /** instant | daily | weekly | paused */
    current: text('current').notNull(),
    changedAt: timestamp('changed_at', { withTimezone: true }),
    lastEngagedAt: timestamp('last_engaged_at', { withTimezone: true }),
    unopenedCount: integer('unopened_count').notNull().default(0),
    stillInterestedSentAt: timestamp('still_interested_sent_at', { withTimezone: true }),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.leadId] })],
);
