import type { Clock } from '../../../core/time/clock.ts';
import type { Db } from '../../client.ts';
import { recordAudit } from '../../queries/audit.ts';
import { deleteSlackInstallation } from '../../queries/slack-installations.ts';

/**
 * Forgets a workspace's bot token (Slack's `app_uninstalled` / `tokens_revoked`, or an operator). The tenant keeps
 * its `slackTeamId`, so a reinstall from the same workspace lands on the same team without a new link.
 */
export async function uninstallSlackWorkspace(
  deps: { db: Db; clock: Clock },
  input: { teamId: string; actor: string },
): Promise<{ removed: boolean }> {
  return deps.db.transaction(async (tx) => {
    const row = await deleteSlackInstallation(tx, input.teamId);
    if (!row) return { removed: false };
    await recordAudit(tx, {
      tenantId: row.tenantId,
      entity: 'slack_installation',
      entityId: input.teamId,
      action: 'uninstall',
      actor: input.actor,
    });
    return { removed: true };
  });
}
