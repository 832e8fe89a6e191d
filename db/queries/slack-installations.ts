import { eq } from 'drizzle-orm';
import { slackInstallations, tenants } from '../schema/index.ts';
import type { Executor } from '../client.ts';

export type SlackInstallationRow = typeof slackInstallations.$inferSelect;
export type NewSlackInstallation = Omit<typeof slackInstallations.$inferInsert, 'createdAt' | 'updatedAt'>;

/** The stored install of one workspace (bot token still sealed), or undefined when it never installed via OAuth. */
export async function slackInstallationByTeam(db: Executor, teamId: string): Promise<SlackInstallationRow | undefined> {
  const [row] = await db.select().from(slackInstallations).where(eq(slackInstallations.teamId, teamId));
  return row;
}

/** A reinstall (new scopes, a rotated token) replaces the row: Slack's latest grant is the one that works. */
export async function upsertSlackInstallation(db: Executor, row: NewSlackInstallation, now: Date): Promise<void> {
  const { teamId: _teamId, ...changes } = row;
  await db
    .insert(slackInstallations)
    .values({ ...row, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({ target: slackInstallations.teamId, set: { ...changes, updatedAt: now } });
}

export async function deleteSlackInstallation(db: Executor, teamId: string): Promise<SlackInstallationRow | undefined> {
  const [row] = await db.delete(slackInstallations).where(eq(slackInstallations.teamId, teamId)).returning();
  return row;
}

/** Points the tenant at its workspace, so inbound commands from that team resolve to it (`tenantBySlackTeam`). */
export async function linkTenantToSlackTeam(db: Executor, tenantId: string, teamId: string, now: Date): Promise<void> {
  await db.update(tenants).set({ slackTeamId: teamId, updatedAt: now }).where(eq(tenants.id, tenantId));
}
