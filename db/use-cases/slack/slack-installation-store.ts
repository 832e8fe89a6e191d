import type { Installation, InstallationQuery, InstallationStore } from '@slack/oauth';
import { open, type BoxSecret } from '../../../core/crypto/secret-box.ts';
import { AppError } from '../../../core/errors/app-error.ts';
import type { Clock } from '../../../core/time/clock.ts';
import type { Db } from '../../client.ts';
import { slackInstallationByTeam } from '../../queries/slack-installations.ts';
import { installSlackWorkspace } from './install-slack-workspace.ts';
import { uninstallSlackWorkspace } from './uninstall-slack-workspace.ts';

/**
 * `@slack/oauth`'s InstallationStore on `slack_installations`. The install state carries the tenant id as
 * `metadata` (signed, see bots/slack/slack-oauth.ts), so `storeInstallation` knows whose workspace this is.
 * Enterprise-wide (org) installs are refused: every Porchlight tenant is one workspace.
 * @example new InstallProvider({ ..., installationStore: createSlackInstallationStore({ db, clock }, secrets) })
 */
export function createSlackInstallationStore(deps: { db: Db; clock: Clock }, secrets: BoxSecret): InstallationStore {
  return {
    async storeInstallation(installation) {
      const teamId = installation.team?.id;
      const bot = installation.bot;
      if (installation.isEnterpriseInstall || !teamId)
        throw new AppError('bad_request', 'Install Porchlight into one workspace, not across an Enterprise Grid org.');
      if (!bot) throw new AppError('bad_request', 'Slack granted no bot token; the app needs its bot scopes.');
      await installSlackWorkspace(deps, secrets, {
        tenantId: installation.metadata || null,
        teamId,
        teamName: installation.team?.name,
        enterpriseId: installation.enterprise?.id,
        appId: installation.appId,
        botId: bot.id,
        botUserId: bot.userId,
        botToken: bot.token,
        botScopes: bot.scopes,
        installerUserId: installation.user.id,
      });
    },

    async fetchInstallation(query: InstallationQuery<boolean>): Promise<Installation> {
      const row = query.teamId ? await slackInstallationByTeam(deps.db, query.teamId) : undefined;
      if (!row) throw new AppError('not_found', `No Slack installation for team ${query.teamId ?? '(none)'}`);
      return {
        team: { id: row.teamId, name: row.teamName ?? undefined },
        enterprise: row.enterpriseId ? { id: row.enterpriseId } : undefined,
        user: { id: row.installerUserId ?? '', token: undefined, scopes: undefined },
        bot: {
          token: open(row.botTokenSealed, secrets),
          scopes: row.botScopes,
          id: row.botId ?? '',
          userId: row.botUserId ?? '',
        },
        appId: row.appId ?? undefined,
        tokenType: 'bot',
        isEnterpriseInstall: false,
        authVersion: 'v2',
        metadata: row.tenantId,
      };
    },

    async deleteInstallation(query) {
      if (query.teamId) await uninstallSlackWorkspace(deps, { teamId: query.teamId, actor: 'slack' });
    },
  };
}
