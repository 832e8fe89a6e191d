import { and, asc, eq, isNull } from 'drizzle-orm';
import { oauthTokens, tenantLocations } from '../schema/index.ts';
import type { Executor } from '../client.ts';

/** Every installed GHL location and the tenant that owns it, oldest install first. */
export async function installedGhlLocations(db: Executor): Promise<Array<{ locationId: string; tenantId: string }>> {
  return db
    .select({ locationId: tenantLocations.locationId, tenantId: tenantLocations.tenantId })
    .from(tenantLocations)
    .where(isNull(tenantLocations.uninstalledAt))
    .orderBy(asc(tenantLocations.createdAt));
}

/** A tenant's installed GHL locations, oldest first. */
export async function tenantGhlLocationIds(db: Executor, tenantId: string): Promise<string[]> {
  const rows = await db
    .select({ locationId: tenantLocations.locationId })
    .from(tenantLocations)
    .where(and(eq(tenantLocations.tenantId, tenantId), isNull(tenantLocations.uninstalledAt)))
    .orderBy(asc(tenantLocations.createdAt));
  return rows.map((r) => r.locationId);
}

/**
 * Links an installed location to a tenant (the OAuth callback): creates the link, or marks a known one installed
 * again. Returns false, changing nothing, when the location belongs to another tenant: an install never moves a
 * location (and its leads' history) between teams.
 */
export async function linkInstalledLocation(
  db: Executor,
  input: { locationId: string; tenantId: string; companyId: string | null; at: Date },
): Promise<boolean> {
  const rows = await db
    .insert(tenantLocations)
    .values({ ...input, installedAt: input.at, uninstalledAt: null })
    .onConflictDoUpdate({
      target: tenantLocations.locationId,
      set: { companyId: input.companyId, installedAt: input.at, uninstalledAt: null },
      setWhere: eq(tenantLocations.tenantId, input.tenantId),
    })
    .returning({ locationId: tenantLocations.locationId });
  return rows.length === 1;
}

export interface GhlLocationConnection {
  tenantId: string;
  locationId: string;
  companyId: string | null;
  installedAt: Date | null;
  uninstalledAt: Date | null;
  /** OAuth tokens are stored for it (the Marketplace app is installed); else a private token or GHL_TOKEN. */
  oauth: boolean;
}

/** Every location link with how it is connected, oldest first (`tenant list`). */
export async function ghlLocationConnections(db: Executor): Promise<GhlLocationConnection[]> {
  const rows = await db
    .select({
      tenantId: tenantLocations.tenantId,
      locationId: tenantLocations.locationId,
      companyId: tenantLocations.companyId,
      installedAt: tenantLocations.installedAt,
      uninstalledAt: tenantLocations.uninstalledAt,
      tokenLocation: oauthTokens.locationId,
    })
    .from(tenantLocations)
    .leftJoin(oauthTokens, eq(oauthTokens.locationId, tenantLocations.locationId))
    .orderBy(asc(tenantLocations.createdAt));
  return rows.map(({ tokenLocation, ...r }) => ({ ...r, oauth: tokenLocation !== null }));
}
