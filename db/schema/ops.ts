import { bigserial, boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { id, createdAt, updatedAt } from './columns.ts';
import { tenants } from './tenants.ts';

/**
 * Every signed inbound webhook, stored with its raw body before we answer, so nothing accepted
 * is lost and anything rejected or quarantined can be inspected and replayed.
 */
export const inboundEvents = pgTable(
  'inbound_events',
  {
    id: id(),
    /** ghl | twilio | sendgrid | slack | discord | crm */
    provider: text('provider').notNull(),
    /** Provider's event id (GHL webhookId, MessageSid+status, sg_event_id...) for dedupe. */
    eventId: text('event_id').notNull(),
    tenantId: text('tenant_id').references(() => tenants.id, { onDelete: 'set null' }),
    type: text('type'),
    /** accepted | ignored | quarantined | processed | failed | rejected */
    status: text('status').notNull(),
    reason: text('reason'),
    signatureScheme: text('signature_scheme'),
    verified: boolean('verified').notNull(),
    rawBody: text('raw_body').notNull(),
    headers: jsonb('headers').$type<Record<string, string>>().notNull().default({}),
    occurredAt: timestamp('occurred_at', { withTimezone: true }),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp('processed_at', { withTimezone: true }),
    /**
     * Events with one order key (a GHL contact: `location:contact`) are applied in `seq` order, whichever worker
     * process runs their jobs (db/use-cases/leads/apply-inbound-event.ts).
     */
    orderKey: text('order_key'),
    /** Arrival order, as stored: a batch of webhooks shares one `received_at`, never one `seq`. */
    seq: bigserial('seq', { mode: 'number' }).notNull(),
  },
  (t) => [
    uniqueIndex('inbound_events_provider_event_uq').on(t.provider, t.eventId),
    index('inbound_events_status_idx').on(t.status, t.receivedAt),
    // A contact's events not applied yet (a small, moving set): what her next job must apply first, and itself.
    index('inbound_events_waiting_order_idx')
      .on(t.orderKey, t.seq)
      .where(sql`${t.status} in ('accepted', 'failed') and ${t.orderKey} is not null`),
  ],
);

/**
 * Every `porchlight start` or `work` process with workers, heart-beating while it runs: `porchlight status` counts
 * the live ones. A process killed with SIGKILL leaves its row behind, stale; the next heartbeat of any process
 * deletes rows stale for a day.
 */
export const workerProcesses = pgTable('worker_processes', {
  id: text('id').primaryKey(),
  host: text('host').notNull(),
  pid: integer('pid').notNull(),
  /** `--concurrency`: job slots per busy queue. */
  concurrency: integer('concurrency').notNull(),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
  seenAt: timestamp('seen_at', { withTimezone: true }).notNull(),
});

/** Current consent per (tenant, channel, address). The ledger below is the history. */
export const consents = pgTable(
  'consents',
  {
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    /** sms | email */
    channel: text('channel').notNull(),
    /** E.164 phone or lower-cased email */
    address: text('address').notNull(),
    /** opted_in | opted_out | suppressed */
    status: text('status').notNull(),
    reason: text('reason'),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('consents_pk').on(t.tenantId, t.channel, t.address)],
);

export const consentEvents = pgTable(
  'consent_events',
  {
    id: id(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    channel: text('channel').notNull(),
    address: text('address').notNull(),
    status: text('status').notNull(),
    /** sms_keyword | ghl_dnd | twilio_21610 | sendgrid_bounce | unsubscribe_link | api ... */
    source: text('source').notNull(),
    reason: text('reason'),
    createdAt: createdAt(),
  },
  (t) => [index('consent_events_addr_idx').on(t.tenantId, t.channel, t.address)],
);

/** Append-only: who did what to which entity and why. */
export const auditLog = pgTable(
  'audit_log',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    tenantId: text('tenant_id').references(() => tenants.id, { onDelete: 'cascade' }),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    action: text('action').notNull(),
    /** agent id, 'system', 'ghl', 'lead' ... */
    actor: text('actor').notNull(),
    reason: text('reason'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [index('audit_log_entity_idx').on(t.entity, t.entityId, t.seq)],
);

/** Replay protection for surfaces whose signatures carry no provider id (Slack/Discord retries). */
export const seenRequests = pgTable('seen_requests', {
  key: text('key').primaryKey(),
  createdAt: createdAt(),
});
