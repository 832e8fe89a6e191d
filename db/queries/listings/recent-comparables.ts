import { sql } from 'drizzle-orm';
import type { Listing } from '../../../core/listings/listing.ts';
import { COMPARABLE_WINDOW_DAYS } from '../../../core/listings/score-deal.ts';
import type { Executor } from '../../client.ts';
import { rowsOf } from '../rows-of.ts';

/** Enough recent comparables per (postal code, type) for a stable median; more only costs time. */
export const MAX_COMPARABLES = 200;
/**
 * Prices that tell what homes in an area go for: asking prices still on the market and sale
 * prices. Withdrawn, expired and canceled asks are prices nobody paid, so they are left out.
 */
export const COMPARABLE_STATUSES: readonly string[] = [
  'Active',
  'ComingSoon',
  'ActiveUnderContract',
  'Pending',
  'Closed',
];

/**
 * Recent comparables for every (postal code, property type) pair in one query, newest first and
 * at most MAX_COMPARABLES per pair, so a chunk of 500 rows costs one round trip.
 */
export async function recentComparables(
  db: Executor,
  tenantId: string,
  areas: Array<{ postalCode: string; propertyType: string }>,
  now: Date,
): Promise<Listing[]> {
  if (areas.length === 0) return [];
  const since = new Date(now.getTime() - COMPARABLE_WINDOW_DAYS * 86_400_000);
  const pairs = sql.join(
    areas.map((a) => sql`(${a.postalCode}, ${a.propertyType})`),
    sql`, `,
  );
  const result = await db.execute(sql`
    select data from (
      select data,
        row_number() over (partition by postal_code, property_type order by modification_timestamp desc) as rank
      from listings
      where tenant_id = ${tenantId} and (postal_code, property_type) in (${pairs})
        and modification_timestamp >= ${since.toISOString()} and living_area > 0
        and standard_status in (${sql.join(
          COMPARABLE_STATUSES.map((s) => sql`${s}`),
          sql`, `,
        )})
    ) ranked where rank <= ${MAX_COMPARABLES}`);
  return rowsOf<{ data: Listing }>(result).map((r) => r.data);
}
