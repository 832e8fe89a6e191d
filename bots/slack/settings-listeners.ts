import type { App } from '@slack/bolt';
import { agentByChatUser } from '../../db/queries/agents/chat-links.ts';
import { tenantBySlackTeam } from '../../db/queries/tenants.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { saveSettingsForm } from '../commands/settings/save-settings-form.ts';
import { MANAGERS_ONLY, SETTINGS_EDIT_ACTION } from '../commands/settings/setting-fields.ts';
import { noticeMessage } from '../message/chat-message.ts';
import {
  SETTINGS_MODAL_ID,
  settingsModal,
  settingsModalTexts,
  settingsRefusedView,
  type SettingsModalMeta,
} from './settings-modal.ts';
import { slackReply } from './slack-reply.ts';

interface ButtonPress {
  trigger_id: string;
  team?: { id: string } | null;
  user: { id: string; team_id?: string };
  response_url?: string;
  channel?: { id: string };
}

/**
 * The "Edit settings" button and the modal it opens. Both run here rather than in a job: a trigger id dies
 * after 3 s, and field errors can only be shown in the submission's own answer. Neither is slow: the button
 * reads the team and the presser, the submission is one settings transaction.
 */
export function registerSettingsListeners(app: App, runtime: Runtime, notConnected: string): void {
  app.action(SETTINGS_EDIT_ACTION, async ({ ack, body, client }) => {
    await ack();
    const press = body as unknown as ButtonPress;
    const teamId = press.team?.id ?? press.user.team_id ?? '';
    const meta: SettingsModalMeta = { channelId: press.channel?.id, responseUrl: press.response_url };
    const tenant = teamId ? await tenantBySlackTeam(runtime.db, teamId) : undefined;
    const presser = tenant && (await agentByChatUser(runtime.db, tenant.id, 'slack', press.user.id));
    if (!tenant || (presser?.role !== 'manager' && presser?.role !== 'admin')) {
      const refusal = noticeMessage(tenant ? MANAGERS_ONLY : notConnected);
      await slackReply(runtime, { teamId, userId: press.user.id, ...meta }, refusal);
      return;
    }
    await client.views.open({ trigger_id: press.trigger_id, view: settingsModal(tenant.settings, meta) });
  });

  app.view(SETTINGS_MODAL_ID, async ({ ack, body, view }) => {
    const teamId = body.team?.id ?? body.user.team_id ?? '';
    const tenant = teamId ? await tenantBySlackTeam(runtime.db, teamId) : undefined;
    if (!tenant) return ack({ response_action: 'update', view: settingsRefusedView(notConnected) });
    const outcome = await saveSettingsForm(runtime, {
      tenant,
      platform: 'slack',
      platformUserId: body.user.id,
      texts: settingsModalTexts(view.state.values as never),
    });
    if (outcome.status === 'refused')
      return ack({ response_action: 'update', view: settingsRefusedView(outcome.message) });
    if (outcome.status === 'invalid') return ack({ response_action: 'errors', errors: outcome.errors });
    await ack();
    // Saved and audited already; the confirmation is a courtesy, so a failed post is logged, not retried.
    await slackReply(
      runtime,
      { teamId, userId: body.user.id, ...modalMeta(view.private_metadata) },
      outcome.reply,
    ).catch((err: unknown) => runtime.logger.warn({ err, tenantId: tenant.id }, 'settings confirmation not posted'));
  });
}

function modalMeta(privateMetadata: string | undefined): SettingsModalMeta {
  try {
    return JSON.parse(privateMetadata || '{}') as SettingsModalMeta;
  } catch {
    return {};
  }
}
