import type { Db } from '../../client.ts';
import { createTenant, type CreateTenantInput, type Tenant } from '../../queries/tenants.ts';

/**
 * A new team with its GHL locations, all or nothing: a location already owned by another tenant
 * (`conflict`) leaves no half-made tenant behind. The API key is returned once; only its hash is kept.
 */
export async function addTenant(
  deps: { db: Db },
  input: CreateTenantInput,
): Promise<{ tenant: Tenant; apiKey: string }> {
  return deps.db.transaction((tx) => createTenant(tx, input));
}
