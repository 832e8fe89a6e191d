import {
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { id, createdAt, updatedAt } from './columns.ts';
import { tenants, agents } from './tenants.ts';

const tenantRef = () =>
  text('tenant_id')
    .notNull()
    .references(() => tenants.id, { onDelete: 'cascade' });

export const leads = pgTable(
  'leads',
  {
    id: id(),
    tenantId: tenantRef(),
    ghlContactId: text('ghl_contact_id'),
    ghlLocationId: text('ghl_location_id'),
    name: text('name').notNull().default(''),
    firstName: text('first_name'),
    lastName: text('last_name'),
    /** E.164 */
    phone: text('phone'),
    email: text('email'),
    tags: text('tags').array().notNull().default([]),
    source: text('source'),
    city: text('city'),
    state: text('state'),
    postalCode: text('postal_code'),
    timezone: text('timezone'),
    language: text('language'),
    /** Raw GHL custom field values by field id, mapped per tenant into the typed columns below. */
    customFields: jsonb('custom_fields').$type<Record<string, unknown>>().notNull().default({}),
    budgetMin: integer('budget_min'),
    budgetMax: integer('budget_max'),
    /** Months until they intend to buy. */
    timelineMonths: integer('timeline_months'),
    areas: text('areas').array().notNull().default([]),
    beds: integer('beds'),
    baths: integer('baths'),
    propertyType: text('property_type'),
    preApproved: boolean('pre_approved'),
    dnd: boolean('dnd').notNull().default(false),
    score: integer('score'),
    temperature: text('temperature', { enum: ['hot', 'warm', 'cold'] }),
    reasons: jsonb('reasons')
      .$type<Array<{ factor: string; contribution: number; text: string }>>()
      .notNull()
      .default([]),
    modelVersion: text('model_version'),
    scoredAt: timestamp('scored_at', { withTimezone: true }),
    /**
     * The newest activity (by when we recorded it) the last score saw. Signals fire for activities
     * recorded after it: comparing with `scored_at` instead would miss an activity whose transaction
     * started before a concurrent score and committed after it.
     */
    signalsSeenAt: timestamp('signals_seen_at', { withTimezone: true }),
    /** The team's local date of the last daily sweep that re-scored her (`lead.sweep`): one sweep per day. */
    sweptOn: date('swept_on', { mode: 'string' }),
    assigneeId: text('assignee_id').references(() => agents.id, { onDelete: 'set null' }),
    ghlAssignedTo: text('ghl_assigned_to'),
    lastInboundAt: timestamp('last_inbound_at', { withTimezone: true }),
    lastHumanContactAt: timestamp('last_human_contact_at', { withTimezone: true }),
    /** Source-of-truth timestamp of the newest CRM update applied; older updates are ignored. */
    crmUpdatedAt: timestamp('crm_updated_at', { withTimezone: true }),
    /** Qualification/conversation state for the SMS assistant. */
    conversation: jsonb('conversation').$type<Record<string, unknown>>(),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    /**
     * When `lead forget` removed her personal data. GHL keeps its own copy of the contact: its later
     * updates and the nightly reconcile must not bring the forgotten data back.
     */
    forgottenAt: timestamp('forgotten_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('leads_tenant_ghl_contact_uq').on(t.tenantId, t.ghlContactId),
    index('leads_tenant_phone_idx').on(t.tenantId, t.phone),
    index('leads_tenant_email_idx').on(t.tenantId, t.email),
    index('leads_tenant_score_idx').on(t.tenantId, t.score),
    // Exports page through a tenant's leads in (created_at, id) order.
    index('leads_tenant_created_idx').on(t.tenantId, t.createdAt, t.id),
  ],
);

/** Everything a lead did or had done to them: messages, views, stage changes, engagement. */
export const leadActivities = pgTable(
  'lead_activities',
  {
    id: id(),
    tenantId: tenantRef(),
    leadId: text('lead_id')
      .notNull()
      .references(() => leads.id, { onDelete: 'cascade' }),
    /** message | call | voicemail | email_open | email_click | listing_view | listing_save | stage_change | note | task | appointment | ... */
    kind: text('kind').notNull(),
    channel: text('channel'),
    direction: text('direction', { enum: ['inbound', 'outbound'] }),
    /** true when a person (not an automation) did it: counts for speed-to-lead. */
    human: boolean('human'),
    body: text('body'),
    actorId: text('actor_id'),
    listingKey: text('listing_key'),
    /** Where it came from and its id there, for idempotency. */
    source: text('source').notNull(),
    externalId: text('external_id'),
    meta: jsonb('meta').$type<Record<string, unknown>>().notNull().default({}),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('lead_activities_external_uq').on(t.tenantId, t.source, t.externalId),
    index('lead_activities_lead_time_idx').on(t.leadId, t.occurredAt),
  ],
);

export const opportunities = pgTable(
  'opportunities',
  {
    id: id(),
    tenantId: tenantRef(),
    ghlOpportunityId: text('ghl_opportunity_id').notNull(),
    leadId: text('lead_id').references(() => leads.id, { onDelete: 'set null' }),
    name: text('name'),
    pipelineId: text('pipeline_id'),
    stageId: text('stage_id'),
    /** open | won | lost | abandoned */
    status: text('status'),
    monetaryValue: doublePrecision('monetary_value'),
    assignedTo: text('assigned_to'),
    /**
     * Lead-scoring training label: won, or lost (GHL lost/abandoned). Set when the deal closes and
     * cleared only when it is explicitly reopened, so a later stage/value edit keeps the label.
     */
    outcome: text('outcome', { enum: ['won', 'lost'] }),
    outcomeAt: timestamp('outcome_at', { withTimezone: true }),
    crmUpdatedAt: timestamp('crm_updated_at', { withTimezone: true }),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('opportunities_tenant_ghl_uq').on(t.tenantId, t.ghlOpportunityId),
    index('opportunities_lead_idx').on(t.leadId),
  ],
);

/** Versioned lead-scoring models per tenant; exactly one active at a time. */
export const scoringModels = pgTable(
  'scoring_models',
  {
    id: id(),
    tenantId: tenantRef(),
    version: integer('version').notNull(),
    kind: text('kind').notNull(),
    params: jsonb('params').$type<Record<string, unknown>>().notNull(),
    metrics: jsonb('metrics').$type<Record<string, unknown>>().notNull().default({}),
    active: boolean('active').notNull().default(false),
    /** Why this version was (or was not) activated, in words an operator can act on. */
    decision: text('decision'),
    activatedAt: timestamp('activated_at', { withTimezone: true }),
    trainedAt: timestamp('trained_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('scoring_models_tenant_version_uq').on(t.tenantId, t.version),
    // The database, not the code, guarantees one active model per tenant: a racing activation fails.
    uniqueIndex('scoring_models_one_active_uq').on(t.tenantId).where(sql`active`),
  ],
);
