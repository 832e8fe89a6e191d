import { eq } from 'drizzle-orm';
import { hashApiKey } from '../../../core/tenants/api-key.ts';
import type { Executor } from '../../client.ts';
import { tenants } from '../../schema/index.ts';

/**
 * The tenant a REST API key belongs to, or undefined for an unknown key. Only the key's hash is
 * stored, so the lookup is by hash; the key itself is never written anywhere.
 */
export async function tenantByApiKey(db: Executor, apiKey: string): Promise<{ id: string } | undefined> {
  const [tenant] = await db
    .select({ id: tenants.id })
    .from(tenants)
    .where(eq(tenants.apiKeyHash, hashApiKey(apiKey)))
    .limit(1);
  return tenant;
}
