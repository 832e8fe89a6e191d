import { and, desc, eq, isNotNull, sql } from 'drizzle-orm';
import { listings } from '../../schema/index.ts';
import type { Executor } from '../../client.ts';
import type { ListingRow } from './get-listing.ts';

/**
 * Active listings with the best deal scores, cheapest first among equals. A five-digit area is a
 * postal code, anything else a city (case-insensitive, so "round rock" finds "Round Rock").
 */
export async function topDeals(
  db: Executor,
  tenantId: string,
  filter: { area?: string; limit: number },
): Promise<ListingRow[]> {
  const area = filter.area?.trim();
  const inArea = !area
    ? undefined
    : /^\d{5}$/.test(area)
      ? eq(listings.postalCode, area)
      : sql`lower(${listings.city}) = ${area.toLowerCase()}`;
  return db
    .select()
    .from(listings)
    .where(
      and(
        eq(listings.tenantId, tenantId),
        eq(listings.standardStatus, 'Active'),
        isNotNull(listings.dealScore),
        inArea,
      ),
    )
    .orderBy(desc(listings.dealScore), listings.listPrice)
    .limit(filter.limit);
}
