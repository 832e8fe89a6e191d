import { jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { updatedAt } from './columns.ts';
import { tenants } from './tenants.ts';

/**
 * What routing remembers between alerts: smooth weighted round-robin credit per rule. One row per
 * tenant, read `FOR UPDATE` in the routing transaction, so two workers routing at once take turns
 * instead of both spending the same agent's turn.
 */
export const routingState = pgTable('routing_state', {
  tenantId: text('tenant_id')
    .primaryKey()
    .references(() => tenants.id, { onDelete: 'cascade' }),
  roundRobin: jsonb('round_robin').$type<Record<string, Record<string, number>>>().notNull().default({}),
  updatedAt: updatedAt(),
});
