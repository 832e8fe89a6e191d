import { index, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { id, createdAt } from './columns.ts';
import { tenants } from './tenants.ts';
import { leads } from './leads.ts';
import { matches } from './listings.ts';
import { alerts, deliveries } from './alerts.ts';

/**
 * What became of one listing change for one lead with an instant search: texted or emailed to her (`sent`),
 * held for an agent's approval (`draft`), or over her daily cap and kept for her digest (`digest`). One row
 * per lead and change, so a retried job or a second search of hers matching the same change sends nothing more.
 */
export const leadListingSends = pgTable(
  'lead_listing_sends',
  {
    id: id(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    leadId: text('lead_id')
      .notNull()
      .references(() => leads.id, { onDelete: 'cascade' }),
    /** The listing_changes id this is about. */
    changeId: text('change_id').notNull(),
    listingKey: text('listing_key').notNull(),
    matchId: text('match_id').references(() => matches.id, { onDelete: 'set null' }),
    alertId: text('alert_id').references(() => alerts.id, { onDelete: 'set null' }),
    /** sent | draft | digest (core/matching/decide-instant-send.ts) */
    outcome: text('outcome').notNull(),
    /** sms | email, for sent and draft */
    channel: text('channel'),
    deliveryId: text('delivery_id').references(() => deliveries.id, { onDelete: 'set null' }),
    /** The lead's local date when it was decided: her daily cap counts per this day. */
    day: text('day').notNull(),
    reason: text('reason'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('lead_listing_sends_change_uq').on(t.leadId, t.changeId),
    index('lead_listing_sends_day_idx').on(t.tenantId, t.leadId, t.day),
  ],
);
