import { eq } from 'drizzle-orm';
import { hashApiKey } from '../../core/tenants/api-key.ts';
import type { Executor } from '../client.ts';
import { agents, tenants } from '../schema/index.ts';

/**
 * Who a REST API key speaks for: the team's integration key (acts for the tenant, naming an agent
 * where an action needs one) or one agent's own key (acts as that agent, with its role). Only
 * hashes are stored; a deactivated agent's key stops working.
 */
export type ApiKeyPrincipal =
  | { kind: 'tenant'; tenantId: string }
  | { kind: 'agent'; tenantId: string; agentId: string; role: 'agent' | 'manager' | 'admin' };

export async function principalByApiKey(db: Executor, apiKey: string): Promise<ApiKeyPrincipal | undefined> {
  const hash = hashApiKey(apiKey);
  const [tenant] = await db.select({ id: tenants.id }).from(tenants).where(eq(tenants.apiKeyHash, hash)).limit(1);
  if (tenant) return { kind: 'tenant', tenantId: tenant.id };
  const [agent] = await db
    .select({ id: agents.id, tenantId: agents.tenantId, role: agents.role, active: agents.active })
    .from(agents)
    .where(eq(agents.apiKeyHash, hash))
    .limit(1);
  if (!agent || !agent.active) return undefined;
  return { kind: 'agent', tenantId: agent.tenantId, agentId: agent.id, role: agent.role };
}
