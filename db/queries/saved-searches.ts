import { and, asc, eq } from 'drizzle-orm';
import type { PropertySubType, PropertyType } from '../../core/listings/reso-lookups.ts';
import type { SavedSearch, SavedSearchCriteria } from '../../core/search/saved-search.ts';
import { savedSearches } from '../schema/index.ts';
import type { Executor } from '../client.ts';

export type SavedSearchRow = typeof savedSearches.$inferSelect;
export type SearchOrigin = 'ghl' | 'api' | 'chat' | 'sms' | 'ai';

/**
 * "round rock" / "ROUND ROCK" → "Round Rock". The candidate prefilter compares city arrays
 * exactly (GIN), so every door that writes a search stores one spelling.
 */
export function normalizeCity(city: string): string {
  return city
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/(^|[\s.-])\p{L}/gu, (m) => m.toUpperCase());
}

/** Criteria → columns: `near` is three columns so the radius can be indexed (NEAR_BOX_SQL). */
export function criteriaValues(c: SavedSearchCriteria) {
  return {
    minPrice: c.minPrice ?? null,
    maxPrice: c.maxPrice ?? null,
    minBeds: c.minBeds ?? null,
    minBaths: c.minBaths ?? null,
    minLivingArea: c.minLivingArea ?? null,
    cities: [...new Set(c.cities.map(normalizeCity))],
    postalCodes: c.postalCodes,
    nearLat: c.near?.lat ?? null,
    nearLon: c.near?.lon ?? null,
    nearMiles: c.near?.miles ?? null,
    propertyTypes: c.propertyTypes,
    propertySubTypes: c.propertySubTypes,
    keywords: c.keywords,
    frequency: c.frequency,
  };
}

/** The columns the matching engine reads: what a bulk load of searches needs to fetch. */
export type SavedSearchMatchColumns = Pick<
  SavedSearchRow,
  | 'id'
  | 'leadId'
  | 'minPrice'
  | 'maxPrice'
  | 'minBeds'
  | 'minBaths'
  | 'minLivingArea'
  | 'cities'
  | 'postalCodes'
  | 'nearLat'
  | 'nearLon'
  | 'nearMiles'
  | 'propertyTypes'
  | 'propertySubTypes'
  | 'keywords'
  | 'frequency'
>;

/**
 * A stored row as the matching engine sees it. Rows are written by several doors (API, chat,
 * SMS, GHL fields), so keywords are lower-cased here rather than trusted. Every criteria key is
 * present, unset ones as undefined, in one order: all searches then share one object shape, and
 * the matcher, which reads these fields on ~1,500 candidate searches per listing, runs several
 * times faster on one shape than on the dozens that optional keys would make.
 */
export function savedSearchOf(row: SavedSearchMatchColumns): SavedSearch {
  const near =
    row.nearLat !== null && row.nearLon !== null && row.nearMiles !== null
      ? { lat: row.nearLat, lon: row.nearLon, miles: row.nearMiles }
      : undefined;
  const criteria: SavedSearchCriteria = {
    minPrice: row.minPrice ?? undefined,
    maxPrice: row.maxPrice ?? undefined,
    minBeds: row.minBeds ?? undefined,
    minBaths: row.minBaths ?? undefined,
    minLivingArea: row.minLivingArea ?? undefined,
    cities: row.cities,
    postalCodes: row.postalCodes,
    near,
    propertyTypes: row.propertyTypes as PropertyType[],
    propertySubTypes: row.propertySubTypes as PropertySubType[],
    keywords: row.keywords.map((k) => k.toLowerCase()),
    frequency: row.frequency,
  };
  return { id: row.id, leadId: row.leadId, criteria };
}

export async function createSavedSearch(
  db: Executor,
  input: {
    tenantId: string;
    leadId: string;
    criteria: SavedSearchCriteria;
    origin: SearchOrigin;
    name?: string;
    now: Date;
  },
): Promise<SavedSearchRow> {
  const [row] = await db
    .insert(savedSearches)
    .values({
      tenantId: input.tenantId,
      leadId: input.leadId,
      name: input.name ?? null,
      origin: input.origin,
      ...criteriaValues(input.criteria),
      createdAt: input.now,
      updatedAt: input.now,
    })
    .returning();
  return row;
}

/** Replaces the criteria; `updatedAt` moves, which gives the edit its own match trigger key. */
export async function updateSavedSearch(
  db: Executor,
  input: { tenantId: string; id: string; criteria: SavedSearchCriteria; name?: string; now: Date },
): Promise<SavedSearchRow | undefined> {
  const [row] = await db
    .update(savedSearches)
    .set({
      ...criteriaValues(input.criteria),
      ...(input.name !== undefined ? { name: input.name } : {}),
      active: true,
      updatedAt: input.now,
    })
    .where(and(eq(savedSearches.tenantId, input.tenantId), eq(savedSearches.id, input.id)))
    .returning();
  return row;
}

export async function deactivateSavedSearch(
  db: Executor,
  tenantId: string,
  id: string,
  now: Date,
): Promise<SavedSearchRow | undefined> {
  const [row] = await db
    .update(savedSearches)
    .set({ active: false, updatedAt: now })
    .where(and(eq(savedSearches.tenantId, tenantId), eq(savedSearches.id, id)))
    .returning();
  return row;
}

export async function getSavedSearch(db: Executor, tenantId: string, id: string): Promise<SavedSearchRow | undefined> {
  const [row] = await db
    .select()
    .from(savedSearches)
    .where(and(eq(savedSearches.tenantId, tenantId), eq(savedSearches.id, id)));
  return row;
}

/** The lead's active search written by one door (the CRM fields, the SMS assistant): each keeps one. */
export async function activeSearchFrom(
  db: Executor,
  input: { tenantId: string; leadId: string; origin: SearchOrigin },
): Promise<SavedSearchRow | undefined> {
  const [row] = await db
    .select()
    .from(savedSearches)
    .where(
      and(
        eq(savedSearches.tenantId, input.tenantId),
        eq(savedSearches.leadId, input.leadId),
        eq(savedSearches.origin, input.origin),
        eq(savedSearches.active, true),
      ),
    )
    .limit(1);
  return row;
}

export async function listSavedSearches(
  db: Executor,
  tenantId: string,
  filter: { leadId?: string; activeOnly?: boolean } = {},
): Promise<SavedSearchRow[]> {
  return db
    .select()
    .from(savedSearches)
    .where(
      and(
        eq(savedSearches.tenantId, tenantId),
        filter.leadId ? eq(savedSearches.leadId, filter.leadId) : undefined,
        filter.activeOnly ? eq(savedSearches.active, true) : undefined,
      ),
    )
    .orderBy(asc(savedSearches.createdAt));
}

/** The §7 shape of a saved search (the request body plus id, active and timestamps). */
export function savedSearchBody(row: SavedSearchRow) {
  return {
    id: row.id,
    leadId: row.leadId,
    name: row.name,
    minPrice: row.minPrice,
    maxPrice: row.maxPrice,
    minBeds: row.minBeds,
    minBaths: row.minBaths,
    minLivingArea: row.minLivingArea,
    cities: row.cities,
    postalCodes: row.postalCodes,
    near:
      row.nearLat !== null && row.nearLon !== null && row.nearMiles !== null
        ? { lat: row.nearLat, lon: row.nearLon, miles: row.nearMiles }
        : null,
    propertyTypes: row.propertyTypes,
    propertySubTypes: row.propertySubTypes,
    keywords: row.keywords,
    frequency: row.frequency,
    origin: row.origin,
    active: row.active,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
