import { and, eq } from 'drizzle-orm';
import { onTestFinished } from 'vitest';
import { getTenant } from '../../db/queries/tenants.ts';
import { auditLog } from '../../db/schema/index.ts';
import { updateTenantSettings } from '../../db/use-cases/settings/update-tenant-settings.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { startWorkers } from '../../jobs/worker.ts';
import { seedChatTeam } from '../bots/chat-team.ts';

/** Shared by the Slack and Discord settings-form suites. */

export async function withChatWorkers(rt: Runtime) {
  const workers = await startWorkers(rt, { queues: ['chat.action'], schedules: false });
  onTestFinished(() => workers.stop(5_000));
}

export async function settingsOf(rt: Runtime, tenantId: string) {
  return (await getTenant(rt.db, tenantId))!.settings;
}

export async function settingsAudits(rt: Runtime, tenantId: string) {
  return rt.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entityId, tenantId), eq(auditLog.action, 'settings_changed')))
    .orderBy(auditLog.seq);
}

/** A team whose office hours and channel were set from the CLI, so the forms have more than defaults to show. */
export async function seedTeamWithSettings(rt: Runtime) {
  const team = await seedChatTeam(rt);
  await updateTenantSettings(rt, {
    tenantId: team.tenant.id,
    actor: { kind: 'cli' },
    change: {
      set: [
        { key: 'officeHours', value: { mon: ['09:00', '17:00'] } },
        { key: 'slackChannel', value: 'C0ALERTS' },
      ],
    },
  });
  return team;
}
