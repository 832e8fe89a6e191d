import { seal, type BoxSecret } from '../../../core/crypto/secret-box.ts';
import { AppError } from '../../../core/errors/app-error.ts';
import type { Clock } from '../../../core/time/clock.ts';
import type { Db } from '../../client.ts';
import { recordAudit } from '../../queries/audit.ts';
import { linkTenantToSlackTeam, upsertSlackInstallation } from '../../queries/slack-installations.ts';
import { getTenant, tenantBySlackTeam } from '../../queries/tenants.ts';

export interface SlackWorkspaceInstall {
  /** From the signed install state; null when the install link named no tenant. */
  tenantId: string | null;
  teamId: string;
  teamName?: string;
  enterpriseId?: string;
  appId?: string;
  botId?: string;
  botUserId?: string;
  botToken: string;
  botScopes: string[];
  installerUserId?: string;
}

export interface InstalledSlackWorkspace {
  tenantId: string;
  tenantName: string;
  teamId: string;
  teamName: string | null;
  reinstall: boolean;
}

/**
 * Stores a workspace's OAuth grant (bot token sealed) and links the workspace to its tenant, in one transaction.
 * The tenant is the one the signed state names, else the one already linked to this team (`tenant add
 * --slack-team`). A workspace already linked to another tenant is refused and nothing is stored: two teams never
 * share a workspace, so one team's commands can never read the other's data.
 */
export async function installSlackWorkspace(
  deps: { db: Db; clock: Clock },
  secrets: BoxSecret,
  install: SlackWorkspaceInstall,
): Promise<InstalledSlackWorkspace> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const linked = await tenantBySlackTeam(tx, install.teamId);
    const tenant = install.tenantId ? await getTenant(tx, install.tenantId) : linked;
    if (!tenant)
      throw new AppError(
        'not_found',
        install.tenantId
          ? 'The team this install link names no longer exists.'
          : 'This Slack workspace is not linked to a Porchlight team: use the install link from `porchlight slack install-link --tenant <id>`.',
      );
    if (linked && linked.id !== tenant.id)
      throw new AppError('conflict', 'This Slack workspace is already connected to another Porchlight team.');
    if (tenant.slackTeamId && tenant.slackTeamId !== install.teamId)
      throw new AppError('conflict', 'This Porchlight team is already connected to a different Slack workspace.');
    await upsertSlackInstallation(
      tx,
      {
        teamId: install.teamId,
        tenantId: tenant.id,
        teamName: install.teamName ?? null,
        enterpriseId: install.enterpriseId ?? null,
        appId: install.appId ?? null,
        botId: install.botId ?? null,
        botUserId: install.botUserId ?? null,
        botTokenSealed: seal(install.botToken, secrets),
        botScopes: install.botScopes,
        installerUserId: install.installerUserId ?? null,
      },
      now,
    );
    if (!linked) await linkTenantToSlackTeam(tx, tenant.id, install.teamId, now);
    await recordAudit(tx, {
      tenantId: tenant.id,
      entity: 'slack_installation',
      entityId: install.teamId,
      action: linked ? 'reinstall' : 'install',
      actor: install.installerUserId ? `slack:${install.installerUserId}` : 'slack',
      data: { teamName: install.teamName ?? null, scopes: install.botScopes },
    });
    return {
      tenantId: tenant.id,
      tenantName: tenant.name,
      teamId: install.teamId,
      teamName: install.teamName ?? null,
      reinstall: Boolean(linked),
    };
  });
}
