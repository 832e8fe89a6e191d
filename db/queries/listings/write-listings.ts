import { and, eq, getTableColumns, inArray, sql, type SQL } from 'drizzle-orm';
import type { Listing } from '../../../core/listings/listing.ts';
import type { ListingChange } from '../../../core/listings/classify-change.ts';
import type { DealScore } from '../../../core/listings/score-deal.ts';
import { listingChanges, listings } from '../../schema/index.ts';
import type { Executor } from '../../client.ts';
import { listingOf, type ListingChangeRow } from './get-listing.ts';

/**
 * The stored versions of these listings, locked until the transaction ends so two writers of the
 * same listing classify its changes one after the other instead of both against the same version.
 */
export async function lockListings(tx: Executor, tenantId: string, keys: string[]): Promise<Map<string, Listing>> {
  if (keys.length === 0) return new Map();
  const rows = await tx
    .select({ key: listings.listingKey, data: listings.data })
    .from(listings)
    .where(and(eq(listings.tenantId, tenantId), inArray(listings.listingKey, keys)))
    .for('update');
  return new Map(rows.map((r) => [r.key, listingOf(r)]));
}

/** The hot columns are copies of RESO fields so they can be indexed; `data` keeps everything. */
export function listingValues(tenantId: string, listing: Listing, deal: DealScore, source: string, now: Date) {
  const at = (iso?: string) => (iso ? new Date(iso) : null);
  return {
    tenantId,
    listingKey: listing.ListingKey,
    standardStatus: listing.StandardStatus,
    listPrice: listing.ListPrice,
    originalListPrice: listing.OriginalListPrice ?? null,
    bedroomsTotal: listing.BedroomsTotal ?? null,
    bathroomsTotalInteger: listing.BathroomsTotalInteger ?? null,
    livingArea: listing.LivingArea ?? null,
    propertyType: listing.PropertyType ?? null,
    propertySubType: listing.PropertySubType ?? null,
    city: listing.City ?? null,
    postalCode: listing.PostalCode ?? null,
    latitude: listing.Latitude ?? null,
    longitude: listing.Longitude ?? null,
    daysOnMarket: listing.DaysOnMarket ?? null,
    modificationTimestamp: at(listing.ModificationTimestamp),
    priceChangeTimestamp: at(listing.PriceChangeTimestamp),
    publicRemarks: listing.PublicRemarks ?? null,
    data: listing as Record<string, unknown>,
    dealScore: deal.score,
    dealReasons: deal.reasons,
    source,
    updatedAt: now,
  };
}

/**
 * Inserts or replaces listings. The WHERE on the conflict update is the last line of defence
 * against a replayed older version: whatever the caller decided, the database never lets an
 * older ModificationTimestamp overwrite a newer one.
 */
export async function writeListings(tx: Executor, rows: Array<ReturnType<typeof listingValues>>): Promise<number> {
  if (rows.length === 0) return 0;
  const set: Record<string, SQL> = {};
  for (const [property, column] of Object.entries(getTableColumns(listings))) {
    if (!['tenant_id', 'listing_key', 'created_at'].includes(column.name))
      set[property] = sql.raw(`excluded.${column.name}`);
  }
  const written = await tx
    .insert(listings)
    .values(rows)
    .onConflictDoUpdate({
      target: [listings.tenantId, listings.listingKey],
      set,
      setWhere: sql`${listings.modificationTimestamp} is null
        or ${listings.modificationTimestamp} < excluded.modification_timestamp`,
    })
    .returning({ key: listings.listingKey });
  return written.length;
}

/** Changes deduped by (tenant, listing, type, ModificationTimestamp); returns only the new ones. */
export async function insertListingChanges(
  tx: Executor,
  tenantId: string,
  changes: ListingChange[],
): Promise<ListingChangeRow[]> {
  if (changes.length === 0) return [];
  return tx
    .insert(listingChanges)
    .values(
      changes.map((c) => ({
        tenantId,
        listingKey: c.listingKey,
        changeType: c.changeType,
        previousPrice: c.previousPrice,
        newPrice: c.newPrice,
        previousStatus: c.previousStatus,
        newStatus: c.newStatus,
        modificationTimestamp: new Date(c.modificationTimestamp),
      })),
    )
    .onConflictDoNothing()
    .returning();
}
