import { and, asc, eq, sql } from 'drizzle-orm';
import { agents, tenants } from '../../schema/index.ts';
import type { Executor } from '../../client.ts';
import { toTenant, type Agent, type Tenant } from '../tenants.ts';

export interface AgentOfTenant {
  tenant: Tenant;
  agent: Agent;
}

/** The agent with this email (any case); on a machine with several teams, the oldest team's. */
export async function agentWithTenantByEmail(db: Executor, email: string): Promise<AgentOfTenant | undefined> {
  const [row] = await db
    .select({ agent: agents, tenant: tenants })
    .from(agents)
    .innerJoin(tenants, eq(tenants.id, agents.tenantId))
    .where(sql`lower(${agents.email}) = ${email.toLowerCase()}`)
    .orderBy(asc(tenants.createdAt))
    .limit(1);
  return row && { agent: row.agent, tenant: toTenant(row.tenant) };
}

/**
 * The oldest team and who speaks for it: its first active manager, else admin, else agent. The
 * tenant comes back alone while the team has no active agent, undefined while there is no team.
 */
export async function firstTeamLead(db: Executor): Promise<{ tenant: Tenant; agent?: Agent } | undefined> {
  const [tenant] = await db.select().from(tenants).orderBy(asc(tenants.createdAt)).limit(1);
  if (!tenant) return undefined;
  const [agent] = await db
    .select()
    .from(agents)
    .where(and(eq(agents.tenantId, tenant.id), eq(agents.active, true)))
    .orderBy(sql`case ${agents.role} when 'manager' then 0 when 'admin' then 1 else 2 end`, asc(agents.createdAt))
    .limit(1);
  return { tenant: toTenant(tenant), agent };
}
