import { and, eq, sql } from 'drizzle-orm';
import { listingChanges, listings, tenants } from '../../schema/index.ts';
import type { Executor } from '../../client.ts';
import { toTenant, type Tenant } from '../tenants.ts';
import type { ListingChangeRow, ListingRow } from './get-listing.ts';

export interface ChangeToMatch {
  tenant: Tenant;
  listing: ListingRow;
  change: ListingChangeRow;
  /** The tenant's saved-search version at this read (queries/saved-searches-changes.ts). */
  searchVersion: number;
}

/**
 * Everything `listing.match` reads before matching a changed listing, in one round trip: the tenant (for its
 * threshold and alert policy), the listing, the change and the saved-search version that says whether the
 * worker's in-process index may answer. Undefined when any of the three rows is gone.
 * @example const found = await changeToMatch(db, { tenantId, listingKey, changeId })
 */
export async function changeToMatch(
  db: Executor,
  input: { tenantId: string; listingKey: string; changeId: string },
): Promise<ChangeToMatch | undefined> {
  const [row] = await db
    .select({
      tenant: tenants,
      listing: listings,
      change: listingChanges,
      searchVersion: sql<string | number | null>`(select version from saved_search_versions
        where tenant_id = ${input.tenantId})`,
    })
    .from(listingChanges)
    .innerJoin(tenants, eq(tenants.id, listingChanges.tenantId))
    .innerJoin(listings, and(eq(listings.tenantId, listingChanges.tenantId), eq(listings.listingKey, input.listingKey)))
    .where(and(eq(listingChanges.tenantId, input.tenantId), eq(listingChanges.id, input.changeId)));
  if (!row) return undefined;
  return { ...row, tenant: toTenant(row.tenant), searchVersion: Number(row.searchVersion ?? 0) };
}
