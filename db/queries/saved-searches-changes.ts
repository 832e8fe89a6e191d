import { sql, type SQL } from 'drizzle-orm';
import type { SavedSearch } from '../../core/search/saved-search.ts';
import type { Executor } from '../client.ts';
import { rowsOf } from './rows-of.ts';
import { savedSearchOf, type SavedSearchMatchColumns } from './saved-searches.ts';

/*
 * The saved-search change feed (migration 0016_saved_search_changes): a trigger on saved_searches bumps
 * `saved_search_versions.version` for the tenant and NOTIFYs this channel in the writing transaction, whichever
 * query made the change. These are the reads a process needs to keep a copy of a tenant's searches current.
 */

export const SAVED_SEARCH_CHANNEL = 'porchlight_saved_search';

export interface SavedSearchChange {
  tenantId: string;
  /** The tenant's version after this change: one more than the change before it. */
  version: number;
  /** The searches written, or null for a write too big to list (reload the tenant). */
  ids: string[] | null;
}

/** A NOTIFY payload as the trigger writes it; null for anything else on the channel. */
export function parseSavedSearchChange(payload: string): SavedSearchChange | null {
  try {
    const value = JSON.parse(payload) as Partial<SavedSearchChange>;
    if (typeof value.tenantId !== 'string' || !Number.isSafeInteger(value.version)) return null;
    const ids = Array.isArray(value.ids) && value.ids.every((id) => typeof id === 'string') ? value.ids : null;
    return { tenantId: value.tenantId, version: value.version as number, ids };
  } catch {
    return null;
  }
}

/** The tenant's current saved-search version (0 before its first search). One primary-key read. */
export async function savedSearchVersion(db: Executor, tenantId: string): Promise<number> {
  const [row] = rowsOf<{ version: string | number }>(
    await db.execute(sql`select version from saved_search_versions where tenant_id = ${tenantId}`),
  );
  return row ? Number(row.version) : 0;
}

/** The matching columns under the drizzle names, so a JSON row is a `SavedSearchMatchColumns` as it stands. */
const MATCH_COLUMNS = sql.raw(
  [
    'id',
    'lead_id as "leadId"',
    'min_price as "minPrice"',
    'max_price as "maxPrice"',
    'min_beds as "minBeds"',
    'min_baths as "minBaths"',
    'min_living_area as "minLivingArea"',
    'cities',
    'postal_codes as "postalCodes"',
    'near_lat as "nearLat"',
    'near_lon as "nearLon"',
    'near_miles as "nearMiles"',
    'property_types as "propertyTypes"',
    'property_sub_types as "propertySubTypes"',
    'keywords',
    'frequency',
  ].join(', '),
);

/**
 * Active searches of the tenant matching `where`, as one JSON array: one value to parse instead of a dozen
 * typed fields per row, which is most of the cost of reading 100k rows (5-10x on PGlite). float8 prints in
 * its shortest exact form, so the numbers are the ones a typed read gives.
 */
async function activeSearchesWhere(db: Executor, tenantId: string, where: SQL, limit?: number) {
  const result = await db.execute(sql`select coalesce(json_agg(s order by s.id), '[]')::text as page from (
      select ${MATCH_COLUMNS} from saved_searches
      where tenant_id = ${tenantId} and active and ${where}
      order by id ${limit === undefined ? sql`` : sql`limit ${limit}`}) s`);
  const [row] = rowsOf<{ page: string }>(result);
  return (JSON.parse(row.page) as SavedSearchMatchColumns[]).map(savedSearchOf);
}

/**
 * One page of the tenant's active searches in id order, after `afterId` (the primary key walks them in
 * order). Pages keep a full load from holding a connection, or PGlite's only one, for seconds.
 */
export async function activeSearchesPage(
  db: Executor,
  tenantId: string,
  afterId: string,
  limit: number,
): Promise<SavedSearch[]> {
  return activeSearchesWhere(db, tenantId, sql`id > ${afterId}`, limit);
}

/** The current state of some of the tenant's searches: active ones as the matcher sees them, others absent. */
export async function activeSearchesByIds(db: Executor, tenantId: string, ids: string[]): Promise<SavedSearch[]> {
  if (ids.length === 0) return [];
  return activeSearchesWhere(
    db,
    tenantId,
    sql`id in (${sql.join(
      ids.map((id) => sql`${id}`),
      sql`, `,
    )})`,
  );
}
