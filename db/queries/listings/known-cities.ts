import { and, eq, isNotNull } from 'drizzle-orm';
import { listings } from '../../schema/index.ts';
import type { Executor } from '../../client.ts';

/** Cities the tenant has listings in: lets the search parser tell "Round Rock" from two words. */
export async function knownCities(db: Executor, tenantId: string, limit = 500): Promise<string[]> {
  const rows = await db
    .selectDistinct({ city: listings.city })
    .from(listings)
    .where(and(eq(listings.tenantId, tenantId), isNotNull(listings.city)))
    .limit(limit);
  return rows.map((r) => r.city).filter((c): c is string => c !== null);
}
