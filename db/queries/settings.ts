import { and, eq } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { agents, tenants } from '../schema/index.ts';
import type { TenantSettingsInput } from '../../core/settings/tenant-settings.ts';
import { toTenant, type Agent, type NewAgent, type Tenant } from './tenants.ts';

/** The tenant row locked for a read-modify-write of its settings (two PATCHes never lose one). */
export async function lockTenant(db: Executor, tenantId: string): Promise<Tenant | undefined> {
  const [row] = await db.select().from(tenants).where(eq(tenants.id, tenantId)).for('update');
  return row && toTenant(row);
}

export async function saveTenantSettings(
  db: Executor,
  tenantId: string,
  settings: TenantSettingsInput,
  now: Date,
): Promise<Tenant> {
  const [row] = await db
    .update(tenants)
    .set({ settings: settings as Record<string, unknown>, updatedAt: now })
    .where(eq(tenants.id, tenantId))
    .returning();
  return toTenant(row);
}

export async function saveTenantApiKeyHash(db: Executor, tenantId: string, apiKeyHash: string, now: Date) {
  await db.update(tenants).set({ apiKeyHash, updatedAt: now }).where(eq(tenants.id, tenantId));
}

/** The agent row locked for an update; another tenant's agent is not found. */
export async function lockAgent(db: Executor, tenantId: string, agentId: string): Promise<Agent | undefined> {
  const [row] = await db
    .select()
    .from(agents)
    .where(and(eq(agents.tenantId, tenantId), eq(agents.id, agentId)))
    .for('update');
  return row;
}

/** The fields of an agent a settings change may touch. */
export type AgentSettingsPatch = Partial<
  Pick<
    NewAgent,
    | 'workingHours'
    | 'timezone'
    | 'vacationUntil'
    | 'paused'
    | 'skills'
    | 'languages'
    | 'channels'
    | 'maxOpenAlerts'
    | 'areas'
    | 'phone'
    | 'role'
    | 'weight'
    | 'apiKeyHash'
  >
>;

export async function saveAgent(db: Executor, agentId: string, patch: AgentSettingsPatch, now: Date): Promise<Agent> {
  const [row] = await db
    .update(agents)
    .set({ ...patch, updatedAt: now })
    .where(eq(agents.id, agentId))
    .returning();
  return row;
}

/** An agent by id alone (the CLI names agents by id); the tenant comes from the row. */
export async function agentById(db: Executor, agentId: string): Promise<Agent | undefined> {
  const [row] = await db.select().from(agents).where(eq(agents.id, agentId));
  return row;
}
