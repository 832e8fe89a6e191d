import { and, eq, getTableColumns, inArray, sql, type SQL } from 'drizzle-orm';
import type { Listing } from '../../core/listings/listing.ts';
import type { ListingChange } from '../../core/listings/classify-change.ts';
import type { DealScore } from '../../core/listings/score-deal.ts';
import { COMPARABLE_WINDOW_DAYS } from '../../core/listings/score-deal.ts';
import { listingChanges, listings, syncState } from '../schema/index.ts';
import type { Executor } from '../client.ts';

export type ListingRow = typeof listings.$inferSelect;
export type ListingChangeRow = typeof listingChanges.$inferSelect;

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

/** `db.execute` answers `{ rows }` on both drivers; drizzle's shared type does not say so. */
export const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;

/** The stored RESO object; every writer stores a validated `Listing` in `data`. */
export const listingOf = (row: Pick<ListingRow, 'data'>): Listing => row.data as Listing;

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
      select data, row_number() over (partition by postal_code, property_type order by modification_timestamp desc) as rank
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
      setWhere: sql`${listings.modificationTimestamp} is null or ${listings.modificationTimestamp} < excluded.modification_timestamp`,
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

/** Where a pull-based source (the RESO feed) got to for a tenant. */
export async function getWatermark(db: Executor, tenantId: string, source: string): Promise<string | null> {
  const [row] = await db
    .select({ watermark: syncState.watermark })
    .from(syncState)
    .where(and(eq(syncState.tenantId, tenantId), eq(syncState.source, source)));
  return row?.watermark ?? null;
}

export async function setWatermark(
  db: Executor,
  input: { tenantId: string; source: string; watermark: string | null; meta: Record<string, unknown>; now: Date },
): Promise<void> {
  await db
    .insert(syncState)
    .values({
      tenantId: input.tenantId,
      source: input.source,
      watermark: input.watermark,
      meta: input.meta,
      updatedAt: input.now,
    })
    .onConflictDoUpdate({
      target: [syncState.tenantId, syncState.source],
      set: { watermark: input.watermark, meta: input.meta, updatedAt: input.now },
    });
}
