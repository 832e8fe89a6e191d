import { and, eq, sql } from 'drizzle-orm';
import { listings } from '../../schema/index.ts';
import type { Executor } from '../../client.ts';
import type { ListingRow } from './get-listing.ts';

const MAX_ADDRESS_HITS = 6;

/**
 * The listings a person could mean: the one whose key this is (any case), else those whose address
 * holds the words in order ("12 oak" finds "12 Oak Hollow Dr").
 */
export async function findListings(db: Executor, tenantId: string, text: string): Promise<ListingRow[]> {
  const q = text.trim();
  const scope = eq(listings.tenantId, tenantId);
  const [byKey] = await db
    .select()
    .from(listings)
    .where(and(scope, sql`lower(${listings.listingKey}) = ${q.toLowerCase()}`));
  if (byKey) return [byKey];
  const like = `%${q.replace(/[%_\\]/g, (c) => `\\${c}`).replace(/\s+/g, '%')}%`;
  // RESO feeds send either UnparsedAddress or its parts, so both are searched.
  const address = sql`concat_ws(' ', ${listings.data}->>'UnparsedAddress', ${listings.data}->>'StreetNumber',
    ${listings.data}->>'StreetName', ${listings.city}, ${listings.postalCode})`;
  return db
    .select()
    .from(listings)
    .where(and(scope, sql`${address} ilike ${like}`))
    .limit(MAX_ADDRESS_HITS);
}
