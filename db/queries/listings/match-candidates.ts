import { normalizeCity } from '../saved-searches.ts';
import { sql, type SQL } from 'drizzle-orm';
import type { Listing } from '../../../core/listings/listing.ts';
import { MATCHABLE_STATUSES } from '../../../core/listings/reso-lookups.ts';
import {
  maxAcceptablePrice,
  minAcceptablePrice,
  PRICE_OVER_MAX,
  PRICE_UNDER_MIN,
} from '../../../core/matching/hard-filters.ts';
import { matchSearch, matchSearches, type Match } from '../../../core/matching/match-listing.ts';
import type { SavedSearch, SavedSearchCriteria } from '../../../core/search/saved-search.ts';
import { ANYWHERE_SQL, NEAR_BOX_SQL, type listings, type savedSearches } from '../../schema/index.ts';
import type { Executor } from '../../client.ts';
import { rowsOf } from '../rows-of.ts';
import { savedSearchOf } from '../saved-searches.ts';

/*
 * The SQL prefilters of the matching engine. Both return a superset of the matches, never fewer:
 * every condition here is a hard filter of core/matching/hard-filters.ts or a widening of one,
 * and the caller still runs `checkHardFilters` + the score on each candidate.
 *
 * The listing → searches one is also the cold path of the worker's in-process index
 * (jobs/shared/saved-search-index.ts): it answers while that index loads, or when the index is not exactly at
 * the database's saved-search version, so it must stay correct on its own. With the indexes below a listing
 * reads only the searches naming its postal code, its city, a radius whose box holds it, or no area at all
 * (bench/matching-db.bench.ts measures both against a scan of every search).
 */

type SearchRow = typeof savedSearches.$inferSelect;
type ListingRowData = Pick<typeof listings.$inferSelect, 'data'>;

/**
 * Spellings a stored city may have: GIN compares exactly. Every writer stores `normalizeCity`;
 * the raw and lower-case spellings also cover rows written before that rule.
 */
const citySpellings = (city: string): string[] => [...new Set([normalizeCity(city), city, city.toLowerCase()])];

const textArray = (values: string[]): SQL =>
  sql`array[${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )}]::text[]`;

/** Active searches of the tenant that a listing could match: area by index, then price, rooms, type. */
export function searchCandidatesQuery(tenantId: string, listing: Listing): SQL {
  const areas: SQL[] = [sql.raw(`(${ANYWHERE_SQL})`)];
  if (listing.PostalCode) areas.push(sql`postal_codes @> ${textArray([listing.PostalCode.slice(0, 5)])}`);
  if (listing.City) areas.push(sql`cities && ${textArray(citySpellings(listing.City))}`);
  if (listing.Latitude !== undefined && listing.Longitude !== undefined) {
    const point = sql`point(${listing.Longitude}::float8, ${listing.Latitude}::float8)`;
    areas.push(sql`(near_lat is not null and ${sql.raw(NEAR_BOX_SQL)} && box(${point}, ${point}))`);
  }
  const price = listing.ListPrice;
  return sql`select * from saved_searches
    where tenant_id = ${tenantId} and active and (${sql.join(areas, sql` or `)})
      and (max_price is null or max_price * ${PRICE_OVER_MAX}::float8 >= ${price}::float8)
      and (min_price is null or min_price * ${PRICE_UNDER_MIN}::float8 <= ${price}::float8)
      and (min_beds is null or min_beds <= ${listing.BedroomsTotal ?? -1})
      and (min_baths is null or min_baths <= ${listing.BathroomsTotalInteger ?? -1})
      and (cardinality(property_types) = 0 or ${listing.PropertyType ?? ''} = any(property_types))`;
}

export async function searchCandidates(db: Executor, tenantId: string, listing: Listing): Promise<SearchRow[]> {
  if (!MATCHABLE_STATUSES.has(listing.StandardStatus)) return [];
  const result = await db.execute(searchCandidatesQuery(tenantId, listing));
  return rowsOf<Record<string, unknown>>(result).map(searchRowOf);
}

/** Raw rows come back snake_case; this is the drizzle row shape the rest of the code uses. */
function searchRowOf(r: Record<string, unknown>): SearchRow {
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return {
    id: r.id as string,
    tenantId: r.tenant_id as string,
    leadId: r.lead_id as string,
    name: (r.name as string | null) ?? null,
    minPrice: num(r.min_price),
    maxPrice: num(r.max_price),
    minBeds: num(r.min_beds),
    minBaths: num(r.min_baths),
    minLivingArea: num(r.min_living_area),
    cities: r.cities as string[],
    postalCodes: r.postal_codes as string[],
    nearLat: num(r.near_lat),
    nearLon: num(r.near_lon),
    nearMiles: num(r.near_miles),
    propertyTypes: r.property_types as string[],
    propertySubTypes: r.property_sub_types as string[],
    keywords: r.keywords as string[],
    frequency: r.frequency as SearchRow['frequency'],
    origin: r.origin as string,
    active: r.active as boolean,
    createdAt: new Date(r.created_at as string),
    updatedAt: new Date(r.updated_at as string),
  };
}

/** Fewer miles per degree than the real ~69.1, so the box over-covers the circle. */
const MILES_PER_DEG = 68;

/** Matchable listings of the tenant a search could match: status + price by index, then the rest. */
export function listingCandidatesQuery(tenantId: string, c: SavedSearchCriteria): SQL {
  const conditions: SQL[] = [
    sql`tenant_id = ${tenantId}`,
    sql`standard_status in (${sql.join(
      [...MATCHABLE_STATUSES].map((s) => sql`${s}`),
      sql`, `,
    )})`,
    sql`list_price >= ${minAcceptablePrice(c)}::float8`,
  ];
  const max = maxAcceptablePrice(c);
  if (Number.isFinite(max)) conditions.push(sql`list_price <= ${max}::float8`);
  if (c.minBeds !== undefined) conditions.push(sql`bedrooms_total >= ${c.minBeds}`);
  if (c.minBaths !== undefined) conditions.push(sql`bathrooms_total_integer >= ${c.minBaths}`);
  if (c.propertyTypes.length) conditions.push(sql`property_type = any(${textArray(c.propertyTypes)})`);
  const areas: SQL[] = [];
  if (c.postalCodes.length) areas.push(sql`left(postal_code, 5) = any(${textArray(c.postalCodes)})`);
  if (c.cities.length) areas.push(sql`lower(city) = any(${textArray(c.cities.map((x) => x.toLowerCase()))})`);
  if (c.near) {
    const dLat = c.near.miles / MILES_PER_DEG;
    const widest = Math.min(89, Math.abs(c.near.lat) + dLat);
    const dLon = c.near.miles / (MILES_PER_DEG * Math.cos((widest * Math.PI) / 180));
    areas.push(sql`(latitude between ${c.near.lat - dLat}::float8 and ${c.near.lat + dLat}::float8
      and longitude between ${c.near.lon - dLon}::float8 and ${c.near.lon + dLon}::float8)`);
  }
  if (areas.length) conditions.push(sql`(${sql.join(areas, sql` or `)})`);
  return sql`select data from listings where ${sql.join(conditions, sql` and `)}`;
}

export async function listingCandidates(
  db: Executor,
  tenantId: string,
  criteria: SavedSearchCriteria,
): Promise<Listing[]> {
  const result = await db.execute(listingCandidatesQuery(tenantId, criteria));
  return rowsOf<ListingRowData>(result).map((r) => r.data as Listing);
}

/**
 * A listing against every active saved search of its tenant: SQL prefilter, then the core's
 * hard filters and score. Returns the matches (best first) and the matched searches by id.
 * @example const { matches } = await findListingMatches(db, tenantId, listing, 70)
 */
export async function findListingMatches(
  db: Executor,
  tenantId: string,
  listing: Listing,
  threshold: number,
): Promise<{ matches: Match[]; searches: Map<string, SavedSearch> }> {
  const rows = await searchCandidates(db, tenantId, listing);
  return matchSearches(
    listing,
    rows.map((row) => savedSearchOf(row)),
    threshold,
  );
}

/** A new or edited search against the tenant's matchable listings. */
export async function findSearchMatches(
  db: Executor,
  tenantId: string,
  search: SavedSearch,
  threshold: number,
): Promise<Match[]> {
  return matchSearch(search, await listingCandidates(db, tenantId, search.criteria), threshold);
}
