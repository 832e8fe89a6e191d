import { and, asc, eq, isNull } from 'drizzle-orm';
import { agents, tenantLocations, tenants } from '../schema/index.ts';
import type { Executor } from '../client.ts';
import { generateApiKey, hashApiKey } from '../../core/tenants/api-key.ts';
import { AppError } from '../../core/errors/app-error.ts';
import { tenantSettingsOf } from '../../core/settings/read-tenant-settings.ts';
import type { TenantSettings, TenantSettingsInput } from '../../core/settings/tenant-settings.ts';

type TenantRow = typeof tenants.$inferSelect;
/** A tenant as every reader sees it: settings parsed once, here, with their defaults filled in. */
export type Tenant = Omit<TenantRow, 'settings'> & {
  settings: TenantSettings;
  /** Exactly what the operator set (no defaults): the base for a change. */
  storedSettings: TenantSettingsInput;
};

/** Parses the stored settings; a row written before a key was checked keeps working on defaults. */
export function toTenant(row: TenantRow): Tenant {
  return { ...row, settings: tenantSettingsOf(row.settings), storedSettings: row.settings as TenantSettingsInput };
}
export type Agent = typeof agents.$inferSelect;
export type NewAgent = typeof agents.$inferInsert;

export interface CreateTenantInput {
  name: string;
  ghlLocations?: string[];
  slackTeamId?: string;
  discordGuildId?: string;
  twilioNumber?: string;
  timezone?: string;
  settings?: TenantSettingsInput;
}

/** Creates a tenant and returns its API key once (only the hash is stored). */
export async function createTenant(
  db: Executor,
  input: CreateTenantInput,
): Promise<{ tenant: Tenant; apiKey: string }> {
  const apiKey = generateApiKey();
  const [tenant] = await db
    .insert(tenants)
    .values({
      name: input.name,
      apiKeyHash: hashApiKey(apiKey),
      slackTeamId: input.slackTeamId,
      discordGuildId: input.discordGuildId,
      twilioNumber: input.twilioNumber,
      timezone: input.timezone ?? 'America/Chicago',
      settings: (input.settings ?? {}) as Record<string, unknown>,
    })
    .returning();
  for (const locationId of input.ghlLocations ?? []) {
    const [taken] = await db.select().from(tenantLocations).where(eq(tenantLocations.locationId, locationId));
    if (taken && taken.tenantId !== tenant.id)
      throw new AppError('conflict', `GHL location ${locationId} already belongs to another tenant`);
    await db.insert(tenantLocations).values({ locationId, tenantId: tenant.id }).onConflictDoNothing();
  }
  return { tenant: toTenant(tenant), apiKey };
}

export async function listTenants(db: Executor): Promise<Array<Tenant & { locations: string[] }>> {
  const rows = await db.select().from(tenants).orderBy(asc(tenants.createdAt));
  const locations = await db.select().from(tenantLocations);
  return rows.map((t) => ({
    ...toTenant(t),
    locations: locations.filter((l) => l.tenantId === t.id).map((l) => l.locationId),
  }));
}

export async function getTenant(db: Executor, id: string): Promise<Tenant | undefined> {
  const [row] = await db.select().from(tenants).where(eq(tenants.id, id));
  return row && toTenant(row);
}

/** The oldest tenant with this exact name (names are not unique; the demo finds its team this way). */
export async function tenantByName(db: Executor, name: string): Promise<Tenant | undefined> {
  const [row] = await db.select().from(tenants).where(eq(tenants.name, name)).orderBy(asc(tenants.createdAt)).limit(1);
  return row && toTenant(row);
}

/** GHL events carry a locationId; one tenant may own several. Uninstalled locations resolve to nobody. */
export async function tenantByLocation(db: Executor, locationId: string): Promise<Tenant | undefined> {
  const [row] = await db
    .select({ tenant: tenants })
    .from(tenantLocations)
    .innerJoin(tenants, eq(tenants.id, tenantLocations.tenantId))
    .where(and(eq(tenantLocations.locationId, locationId), isNull(tenantLocations.uninstalledAt)));
  return row && toTenant(row.tenant);
}

export async function tenantBySlackTeam(db: Executor, teamId: string): Promise<Tenant | undefined> {
  const [row] = await db.select().from(tenants).where(eq(tenants.slackTeamId, teamId));
  return row && toTenant(row);
}

export async function tenantByDiscordGuild(db: Executor, guildId: string): Promise<Tenant | undefined> {
  const [row] = await db.select().from(tenants).where(eq(tenants.discordGuildId, guildId));
  return row && toTenant(row);
}

export async function tenantByTwilioNumber(db: Executor, number: string): Promise<Tenant | undefined> {
  const [row] = await db.select().from(tenants).where(eq(tenants.twilioNumber, number));
  return row && toTenant(row);
}

export async function createAgent(db: Executor, input: NewAgent): Promise<Agent> {
  const [existing] = await db
    .select()
    .from(agents)
    .where(and(eq(agents.tenantId, input.tenantId), eq(agents.email, input.email)));
  if (existing) throw new AppError('conflict', `An agent with email ${input.email} already exists in this tenant`);
  const [row] = await db.insert(agents).values(input).returning();
  return row;
}

export async function listAgents(db: Executor, tenantId: string): Promise<Agent[]> {
  return db.select().from(agents).where(eq(agents.tenantId, tenantId)).orderBy(asc(agents.name));
}

export async function getAgent(db: Executor, tenantId: string, agentId: string): Promise<Agent | undefined> {
  const [row] = await db
    .select()
    .from(agents)
    .where(and(eq(agents.tenantId, tenantId), eq(agents.id, agentId)));
  return row;
}
