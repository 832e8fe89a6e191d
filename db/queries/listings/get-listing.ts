import { and, eq } from 'drizzle-orm';
import type { Listing } from '../../../core/listings/listing.ts';
import { listingChanges, listings } from '../../schema/index.ts';
import type { Executor } from '../../client.ts';

export type ListingRow = typeof listings.$inferSelect;
export type ListingChangeRow = typeof listingChanges.$inferSelect;

/** The stored RESO object; every writer stores a validated `Listing` in `data`. */
export const listingOf = (row: Pick<ListingRow, 'data'>): Listing => row.data as Listing;

export async function getListing(db: Executor, tenantId: string, listingKey: string): Promise<ListingRow | undefined> {
  const [row] = await db
    .select()
    .from(listings)
    .where(and(eq(listings.tenantId, tenantId), eq(listings.listingKey, listingKey)));
  return row;
}

export async function getListingChange(
  db: Executor,
  tenantId: string,
  changeId: string,
): Promise<ListingChangeRow | undefined> {
  const [row] = await db
    .select()
    .from(listingChanges)
    .where(and(eq(listingChanges.tenantId, tenantId), eq(listingChanges.id, changeId)));
  return row;
}
