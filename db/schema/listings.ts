import { sql } from 'drizzle-orm';
import {
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { id, createdAt, updatedAt } from './columns.ts';
import { tenants } from './tenants.ts';
import { leads } from './leads.ts';

const tenantRef = () =>
  text('tenant_id')
    .notNull()
    .references(() => tenants.id, { onDelete: 'cascade' });

/** Listings keep RESO Data Dictionary names; hot fields are columns (indexed), the rest in `data`. */
export const listings = pgTable(
  'listings',
  {
    tenantId: tenantRef(),
    listingKey: text('listing_key').notNull(),
    standardStatus: text('standard_status').notNull(),
    listPrice: doublePrecision('list_price'),
    originalListPrice: doublePrecision('original_list_price'),
    bedroomsTotal: integer('bedrooms_total'),
    bathroomsTotalInteger: integer('bathrooms_total_integer'),
    livingArea: doublePrecision('living_area'),
    propertyType: text('property_type'),
    propertySubType: text('property_sub_type'),
    city: text('city'),
    postalCode: text('postal_code'),
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
    daysOnMarket: integer('days_on_market'),
    modificationTimestamp: timestamp('modification_timestamp', { withTimezone: true }),
    priceChangeTimestamp: timestamp('price_change_timestamp', { withTimezone: true }),
    publicRemarks: text('public_remarks'),
    /** The full RESO object as received. */
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    dealScore: integer('deal_score'),
    dealReasons: jsonb('deal_reasons')
      .$type<Array<{ factor: string; contribution: number; text: string }>>()
      .notNull()
      .default([]),
    source: text('source'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.listingKey] }),
    index('listings_area_type_idx').on(t.tenantId, t.postalCode, t.propertyType),
    index('listings_city_idx').on(t.tenantId, t.city),
    index('listings_status_price_idx').on(t.tenantId, t.standardStatus, t.listPrice),
    // Saved-search matching compares cities case-insensitively ("austin" finds "Austin").
    index('listings_lower_city_idx').on(t.tenantId, sql`lower(city)`),
  ],
);

/**
 * A radius search's bounding box in (lon, lat) degrees, as a GiST-indexable `box`. 68 miles per
 * degree (fewer than the real ~69.1) and the cosine at the box's widest latitude make it cover the
 * circle generously: the index may return a few extra searches, never miss one; scoring decides.
 * The index and the candidate query (db/queries/listings/match-candidates.ts) must use this exact expression.
 */
export const NEAR_BOX_SQL =
  'box(' +
  'point(near_lon - near_miles / (68 * cos(radians(least(89.0, abs(near_lat) + near_miles / 68)))), near_lat - near_miles / 68), ' +
  'point(near_lon + near_miles / (68 * cos(radians(least(89.0, abs(near_lat) + near_miles / 68)))), near_lat + near_miles / 68))';
/** Searches with no area at all match anywhere; a partial index keeps them one lookup away. */
export const ANYWHERE_SQL = 'cardinality(postal_codes) = 0 and cardinality(cities) = 0 and near_lat is null';

/** Every classified change (RESO ChangeType) with the before/after that explains it. */
export const listingChanges = pgTable(
  'listing_changes',
  {
    id: id(),
    tenantId: tenantRef(),
    listingKey: text('listing_key').notNull(),
    changeType: text('change_type').notNull(),
    previousPrice: doublePrecision('previous_price'),
    newPrice: doublePrecision('new_price'),
    previousStatus: text('previous_status'),
    newStatus: text('new_status'),
    modificationTimestamp: timestamp('modification_timestamp', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('listing_changes_dedupe_uq').on(t.tenantId, t.listingKey, t.changeType, t.modificationTimestamp),
    index('listing_changes_listing_idx').on(t.tenantId, t.listingKey, t.createdAt),
  ],
);

export const savedSearches = pgTable(
  'saved_searches',
  {
    id: id(),
    tenantId: tenantRef(),
    leadId: text('lead_id')
      .notNull()
      .references(() => leads.id, { onDelete: 'cascade' }),
    name: text('name'),
    minPrice: doublePrecision('min_price'),
    maxPrice: doublePrecision('max_price'),
    minBeds: integer('min_beds'),
    minBaths: integer('min_baths'),
    minLivingArea: doublePrecision('min_living_area'),
    cities: text('cities').array().notNull().default([]),
    postalCodes: text('postal_codes').array().notNull().default([]),
    nearLat: doublePrecision('near_lat'),
    nearLon: doublePrecision('near_lon'),
    nearMiles: doublePrecision('near_miles'),
    propertyTypes: text('property_types').array().notNull().default([]),
    propertySubTypes: text('property_sub_types').array().notNull().default([]),
    keywords: text('keywords').array().notNull().default([]),
    frequency: text('frequency', { enum: ['instant', 'daily', 'weekly'] })
      .notNull()
      .default('instant'),
    /** How it was created: ghl | api | chat | sms | ai */
    origin: text('origin').notNull().default('api'),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('saved_searches_tenant_active_idx').on(t.tenantId, t.active),
    index('saved_searches_lead_idx').on(t.leadId),
    // The listing → searches prefilter: one index per kind of area, OR-ed by the planner (BitmapOr).
    index('saved_searches_postal_codes_gin').using('gin', t.postalCodes),
    index('saved_searches_cities_gin').using('gin', t.cities),
    index('saved_searches_near_box_gist').using('gist', sql.raw(NEAR_BOX_SQL)).where(sql`near_lat is not null`),
    index('saved_searches_anywhere_idx')
      .on(t.tenantId)
      .where(sql.raw(`active and ${ANYWHERE_SQL}`)),
  ],
);

export const matches = pgTable(
  'matches',
  {
    id: id(),
    tenantId: tenantRef(),
    savedSearchId: text('saved_search_id')
      .notNull()
      .references(() => savedSearches.id, { onDelete: 'cascade' }),
    leadId: text('lead_id')
      .notNull()
      .references(() => leads.id, { onDelete: 'cascade' }),
    listingKey: text('listing_key').notNull(),
    /** What triggered it: a listing_changes id, or 'search:<updatedAt>' for a search edit. */
    triggerKey: text('trigger_key').notNull(),
    score: integer('score').notNull(),
    breakdown: jsonb('breakdown')
      .$type<Array<{ factor: string; score: number; weight: number; text: string }>>()
      .notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('matches_dedupe_uq').on(t.savedSearchId, t.listingKey, t.triggerKey),
    index('matches_listing_idx').on(t.tenantId, t.listingKey),
  ],
);

/** Resume points for pull-based sources (RESO feed watermark per tenant). */
export const syncState = pgTable(
  'sync_state',
  {
    tenantId: tenantRef(),
    source: text('source').notNull(),
    watermark: text('watermark'),
    meta: jsonb('meta').$type<Record<string, unknown>>().notNull().default({}),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.source] })],
);
