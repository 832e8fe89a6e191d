import { and, eq } from 'drizzle-orm';
import { tenantLocations } from '../../schema/index.ts';
import type { Tx } from '../../client.ts';
import { noEffects, type ApplyEffects } from './apply-types.ts';

/**
 * An app install on a location we know (pre-registered with `tenant add --ghl-location`, or
 * installed before) refreshes its record; the route never creates tenants from a webhook, since a
 * webhook cannot say which team a location belongs to.
 */
export async function recordInstall(
  tx: Tx,
  input: { tenantId: string; locationId: string; companyId: string | null; at: Date },
): Promise<ApplyEffects> {
  await tx
    .insert(tenantLocations)
    .values({
      locationId: input.locationId,
      tenantId: input.tenantId,
      companyId: input.companyId,
      installedAt: input.at,
      uninstalledAt: null,
    })
    .onConflictDoUpdate({
      target: tenantLocations.locationId,
      set: { companyId: input.companyId, installedAt: input.at, uninstalledAt: null },
      // Never move a location between tenants from a webhook.
      setWhere: eq(tenantLocations.tenantId, input.tenantId),
    });
  return noEffects('applied', `location ${input.locationId} installed`);
}

/** Marks the location uninstalled: later events for it are quarantined until it is installed again. */
export async function recordUninstall(
  tx: Tx,
  input: { tenantId: string; locationId: string; at: Date },
): Promise<ApplyEffects> {
  const rows = await tx
    .update(tenantLocations)
    .set({ uninstalledAt: input.at })
    .where(and(eq(tenantLocations.locationId, input.locationId), eq(tenantLocations.tenantId, input.tenantId)))
    .returning({ locationId: tenantLocations.locationId });
  return rows.length
    ? noEffects('applied', `location ${input.locationId} uninstalled`)
    : noEffects('noop', `location ${input.locationId} is not ours`);
}
