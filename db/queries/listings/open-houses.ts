import { and, eq, getTableColumns, inArray, sql, type SQL } from 'drizzle-orm';
import type { OpenHouse } from '../../../core/listings/open-house.ts';
import type { Executor } from '../../client.ts';
import { openHouses } from '../../schema/index.ts';

export type OpenHouseRow = typeof openHouses.$inferSelect;

/** The stored versions of these open houses, locked until the transaction ends, by OpenHouseKey. */
export async function lockOpenHouses(
  tx: Executor,
  tenantId: string,
  keys: readonly string[],
): Promise<Map<string, OpenHouseRow>> {
  if (keys.length === 0) return new Map();
  const rows = await tx
    .select()
    .from(openHouses)
    .where(and(eq(openHouses.tenantId, tenantId), inArray(openHouses.openHouseKey, [...keys])))
    .for('update');
  return new Map(rows.map((r) => [r.openHouseKey, r]));
}

export function openHouseValues(tenantId: string, o: OpenHouse, now: Date) {
  return {
    tenantId,
    openHouseKey: o.OpenHouseKey,
    listingKey: o.ListingKey,
    startsAt: new Date(o.OpenHouseStartTime),
    endsAt: o.OpenHouseEndTime ? new Date(o.OpenHouseEndTime) : null,
    status: o.OpenHouseStatus,
    type: o.OpenHouseType ?? null,
    remarks: o.OpenHouseRemarks ?? null,
    modificationTimestamp: new Date(o.ModificationTimestamp),
    createdAt: now,
    updatedAt: now,
  };
}

/**
 * Inserts or replaces open houses; a version not newer than the stored one is left alone. Returns the keys
 * written now, so a concurrent run that lost the race announces nothing.
 */
export async function writeOpenHouses(
  tx: Executor,
  rows: Array<ReturnType<typeof openHouseValues>>,
): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const set: Record<string, SQL> = {};
  for (const [property, column] of Object.entries(getTableColumns(openHouses)))
    if (!['tenant_id', 'open_house_key', 'created_at'].includes(column.name))
      set[property] = sql.raw(`excluded.${column.name}`);
  const written = await tx
    .insert(openHouses)
    .values(rows)
    .onConflictDoUpdate({
      target: [openHouses.tenantId, openHouses.openHouseKey],
      set,
      setWhere: sql`${openHouses.modificationTimestamp} < excluded.modification_timestamp`,
    })
    .returning({ key: openHouses.openHouseKey });
  return new Set(written.map((w) => w.key));
}

export async function getOpenHouse(
  db: Executor,
  tenantId: string,
  openHouseKey: string,
): Promise<OpenHouseRow | undefined> {
  const [row] = await db
    .select()
    .from(openHouses)
    .where(and(eq(openHouses.tenantId, tenantId), eq(openHouses.openHouseKey, openHouseKey)));
  return row;
}
