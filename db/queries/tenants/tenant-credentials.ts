import { eq } from 'drizzle-orm';
import { tenants } from '../../schema/index.ts';
import type { Executor } from '../../client.ts';

/**
 * A tenant's sealed credentials document (core/tenants/tenant-credentials.ts opens it), or undefined for an
 * unknown tenant. `forUpdate` locks the row so a read-modify-write cannot lose a concurrent change.
 */
export async function sealedTenantCredentials(
  db: Executor,
  tenantId: string,
  options: { forUpdate?: boolean } = {},
): Promise<{ credentials: string | null } | undefined> {
  const query = db.select({ credentials: tenants.credentials }).from(tenants).where(eq(tenants.id, tenantId));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  return row;
}

export async function storeSealedTenantCredentials(
  db: Executor,
  input: { tenantId: string; sealed: string | null; at: Date },
): Promise<void> {
  await db
    .update(tenants)
    .set({ credentials: input.sealed, updatedAt: input.at })
    .where(eq(tenants.id, input.tenantId));
}
