import { index, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { createdAt, updatedAt } from './columns.ts';
import { tenants } from './tenants.ts';

/**
 * RESO OpenHouse records, one per (tenant, OpenHouseKey), newest version only. No foreign key to `listings`:
 * the feed may send an open house before the home it belongs to.
 */
export const openHouses = pgTable(
  'open_houses',
  {
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    openHouseKey: text('open_house_key').notNull(),
    listingKey: text('listing_key').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }),
    /** OpenHouseStatus: Active | Canceled | Ended (or the feed's own value). */
    status: text('status').notNull(),
    /** OpenHouseType: Public, Broker, Office, Association, Private; only public ones start automations. */
    type: text('type'),
    remarks: text('remarks'),
    modificationTimestamp: timestamp('modification_timestamp', { withTimezone: true }).notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.openHouseKey] }),
    index('open_houses_listing_idx').on(t.tenantId, t.listingKey, t.startsAt),
  ],
);
