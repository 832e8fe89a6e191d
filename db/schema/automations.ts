import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt } from './columns.ts';
import { deliveries } from './alerts.ts';
import { leads } from './leads.ts';
import { tenants } from './tenants.ts';

const tenantRef = () =>
  text('tenant_id')
    .notNull()
    .references(() => tenants.id, { onDelete: 'cascade' });

/**
 * A team's automation rules, one row per rule id with its current version (core/automations/automation-rule.ts).
 * A rule taken out of the set is kept with `deleted_at`, so its runs still name it and its pending steps stop.
 */
export const automationRules = pgTable(
  'automation_rules',
  {
    id: id(),
    tenantId: tenantRef(),
    ruleId: text('rule_id').notNull(),
    version: integer('version').notNull(),
    enabled: boolean('enabled').notNull(),
    /** `when.event`, so a trigger finds the rules it may start without reading every definition. */
    triggerEvent: text('trigger_event').notNull(),
    definition: jsonb('definition').$type<Record<string, unknown>>().notNull(),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('automation_rules_tenant_rule_uq').on(t.tenantId, t.ruleId),
    index('automation_rules_tenant_event_idx')
      .on(t.tenantId, t.triggerEvent)
      .where(sql`enabled and deleted_at is null`),
  ],
);

/** Every version a rule ever had, with who saved it: a run names the version it started under. */
export const automationRuleVersions = pgTable(
  'automation_rule_versions',
  {
    tenantId: tenantRef(),
    ruleId: text('rule_id').notNull(),
    version: integer('version').notNull(),
    enabled: boolean('enabled').notNull(),
    definition: jsonb('definition').$type<Record<string, unknown>>().notNull(),
    actor: text('actor').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.ruleId, t.version] })],
);

/**
 * One rule started (or refused) for one lead by one trigger occurrence; unique per (rule version, lead,
 * occurrence), so a redelivered event starts nothing more. `position` is the next step to run (0-based).
 * status: active | completed | exited | cancelled | skipped | failed
 */
export const automationRuns = pgTable(
  'automation_runs',
  {
    id: id(),
    tenantId: tenantRef(),
    ruleId: text('rule_id').notNull(),
    ruleVersion: integer('rule_version').notNull(),
    leadId: text('lead_id')
      .notNull()
      .references(() => leads.id, { onDelete: 'cascade' }),
    occurrence: text('occurrence').notNull(),
    trigger: jsonb('trigger').$type<Record<string, unknown>>().notNull(),
    status: text('status').notNull(),
    position: integer('position').notNull().default(0),
    steps: integer('steps').notNull(),
    nextAt: timestamp('next_at', { withTimezone: true }),
    reason: text('reason'),
    /** Rules whose actions led here, this one last: events its own actions cause carry it on (loop protection). */
    causedBy: text('caused_by').array().notNull().default([]),
    /** Channels she had opted out of when the run started: only a new opt-out is the `opted_out` exit. */
    optedOutAtStart: text('opted_out_at_start').array().notNull().default([]),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('automation_runs_occurrence_uq').on(t.tenantId, t.ruleId, t.ruleVersion, t.leadId, t.occurrence),
    index('automation_runs_lead_idx').on(t.tenantId, t.leadId, t.status),
    index('automation_runs_rule_idx').on(t.tenantId, t.ruleId, t.status),
  ],
);

/**
 * What one step of a run did: sent, done, waiting, skipped, suppressed (consent, ceiling) or failed, and why.
 * Unique per (run, position): a retried step job finds its row and does nothing twice.
 */
export const automationSteps = pgTable(
  'automation_steps',
  {
    id: id(),
    tenantId: tenantRef(),
    runId: text('run_id')
      .notNull()
      .references(() => automationRuns.id, { onDelete: 'cascade' }),
    leadId: text('lead_id')
      .notNull()
      .references(() => leads.id, { onDelete: 'cascade' }),
    ruleId: text('rule_id').notNull(),
    position: integer('position').notNull(),
    action: text('action').notNull(),
    status: text('status').notNull(),
    detail: text('detail'),
    /** Counts against the lead's ceiling: a text or email queued to her. */
    message: boolean('message').notNull().default(false),
    deliveryId: text('delivery_id').references(() => deliveries.id, { onDelete: 'set null' }),
    /** What the step changed that could start a rule again (`tag_added:vip`): loop protection for CRM echoes. */
    effect: text('effect'),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [
    // With its action: a rule edited while a run waits may put an action where the wait was.
    uniqueIndex('automation_steps_run_position_action_uq').on(t.runId, t.position, t.action),
    index('automation_steps_lead_message_idx').on(t.tenantId, t.leadId, t.at).where(sql`message`),
  ],
);

/**
 * A scheduled rule's pass over the team's leads for one occurrence (a day): taken once, its cursor saved after
 * each page, so a crashed tick resumes where it stopped and a second tick does not start it again.
 */
export const automationSchedulePasses = pgTable(
  'automation_schedule_passes',
  {
    tenantId: tenantRef(),
    ruleId: text('rule_id').notNull(),
    occurrence: text('occurrence').notNull(),
    /** The last lead id handled (leads are walked in id order). */
    cursor: text('cursor'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    doneAt: timestamp('done_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.ruleId, t.occurrence] })],
);
