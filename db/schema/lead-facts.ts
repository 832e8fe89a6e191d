import { index, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { id, createdAt } from './columns.ts';
import { tenants } from './tenants.ts';
import { leads } from './leads.ts';

/**
 * What a lead told us (or the CRM says) about herself, one dated row per statement: "pre-approved",
 * "3 beds", "wrong number". A newer statement of a kind supersedes the current one instead of
 * overwriting it, so the history of what she said stays readable; at most one row per kind is current.
 */
export const leadFacts = pgTable(
  'lead_facts',
  {
    id: id(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    leadId: text('lead_id')
      .notNull()
      .references(() => leads.id, { onDelete: 'cascade' }),
    /** core/intent/lead-fact.ts LeadFactKind */
    kind: text('kind').notNull(),
    value: jsonb('value').$type<unknown>().notNull(),
    /** The message id it was read from, or `crm:<field>` for a CRM field. */
    source: text('source').notNull(),
    /** When it was said (the message's time), not when we read it. */
    at: timestamp('at', { withTimezone: true }).notNull(),
    supersededAt: timestamp('superseded_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    // Re-reading the same message (a retried job) writes nothing new; a CRM field (`crm:<field>`) that
    // changes again is a new statement at a new time.
    uniqueIndex('lead_facts_statement_uq').on(t.tenantId, t.leadId, t.kind, t.source, t.at),
    uniqueIndex('lead_facts_current_uq').on(t.tenantId, t.leadId, t.kind).where(sql`superseded_at is null`),
    index('lead_facts_lead_idx').on(t.leadId, t.at),
  ],
);
