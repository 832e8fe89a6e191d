import { eq } from 'drizzle-orm';
import { tenantLocations } from '../../schema/index.ts';
import type { Executor } from '../../client.ts';

export type LocationRecord = typeof tenantLocations.$inferSelect;

/**
 * A GHL location's record whether or not it is currently installed (tenantByLocation hides
 * uninstalled ones): ingest needs to tell "unknown" from "uninstalled" and to let a re-install
 * reach its tenant.
 */
export async function locationRecord(db: Executor, locationId: string): Promise<LocationRecord | undefined> {
  const [row] = await db.select().from(tenantLocations).where(eq(tenantLocations.locationId, locationId));
  return row;
}
