import type { App } from '@slack/bolt';
import type { Runtime } from '../../jobs/runtime.ts';
import { tenantBySlackTeam } from '../../db/queries/tenants.ts';
import { uninstallSlackWorkspace } from '../../db/use-cases/slack/uninstall-slack-workspace.ts';
import { ingestChatWork } from '../../db/use-cases/inbound/ingest-chat-work.ts';
import { alertModal, ALERT_MODAL_ID, alertModalText } from './alert-modal.ts';
import { registerSettingsListeners } from './settings-listeners.ts';
import { storeWithinAckDeadline } from './store-within-ack-deadline.ts';
import { ALERTS_PICK } from '../message/list-action-id.ts';
import { RULES_FILE_MODALS, rulesFileModal, rulesFileModalFor, rulesFileModalText } from './rules-file-modals.ts';
import { pickedFromSlackState } from './picked-from-state.ts';

const NOT_CONNECTED =
  'This Slack workspace is not connected to Porchlight yet. An admin can connect it with `porchlight tenant add --slack-team <team id>`.';

const BUSY = '⏳ Porchlight is slow to answer right now. Your request is queued; the answer will follow here.';
const UNAVAILABLE = 'Porchlight could not take that just now (its database is busy). Please try again in a minute.';
const ACK_TEXT = { not_connected: NOT_CONNECTED, late: BUSY, failed: UNAVAILABLE } as const;

/** A short ephemeral note through `response_url`: it needs neither the database nor a bot token. */
async function tell(runtime: Runtime, responseUrl: string | undefined, text: string): Promise<void> {
  if (!responseUrl) return;
  await runtime
    .fetch(responseUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ response_type: 'ephemeral', replace_original: false, text }),
    })
    .catch(() => {});
}

/** What a Slack listener hands to the `chat.action` job: just enough to answer later. */
export interface SlackWork {
  kind: 'command' | 'action';
  teamId: string;
  userId: string;
  channelId?: string;
  responseUrl?: string;
  command?: string;
  text?: string;
  actionId?: string;
  /** Selected option value or user id (Assign select). */
  selected?: string;
  /** Alerts picked in the `/alerts` menu of the message (its state), for the bulk buttons. */
  picked?: string[];
}

/**
 * Every listener acks first and queues the work: Slack times out at 3 s, and a claim touches the
 * database, the queue and other people's messages. HTTP and Socket Mode share these listeners.
 */
export function registerSlackListeners(app: App, runtime: Runtime): void {
  // The tenant is resolved here (one indexed lookup) so an unknown workspace hears so at once. Slack's trigger id
  // is unique per command, click or form submit: a delivery seen twice is stored, and answered, once.
  const enqueue = async (work: SlackWork, triggerId: string | undefined): Promise<boolean> => {
    const tenant = work.teamId ? await tenantBySlackTeam(runtime.db, work.teamId) : undefined;
    if (!tenant) return false;
    const { inboundWriter: writer, clock } = runtime;
    const input = { platform: 'slack', tenantId: tenant.id, kind: work.kind, interactionId: triggerId } as const;
    await ingestChatWork({ writer, clock }, { ...input, work: { ...work } });
    return true;
  };

  // Past Slack's deadline the user hears where things stand; a store that fails later is reported through
  // `response_url` (no database needed), one that succeeds later is answered by its job as usual.
  const store = (work: SlackWork, triggerId: string | undefined) =>
    storeWithinAckDeadline(enqueue(work, triggerId), (refusal) =>
      tell(runtime, work.responseUrl, refusal === 'failed' ? UNAVAILABLE : NOT_CONNECTED),
    );

  app.command(/.*/, async ({ command, ack, client }) => {
    // `/rules simulate` and `/automations test` need a file, which a slash command cannot carry: a form opens.
    const upload = rulesFileModalFor(command.command, command.text);
    if (upload) {
      await ack();
      await client.views.open({
        trigger_id: command.trigger_id,
        view: rulesFileModal(upload.modal, {
          channelId: command.channel_id,
          responseUrl: command.response_url,
          days: upload.days,
        }),
      });
      return;
    }
    // `/alert` with nothing after it opens the form; trigger ids expire in 3 s, so it opens here.
    if (command.command === '/alert' && !command.text.trim()) {
      await ack();
      await client.views.open({
        trigger_id: command.trigger_id,
        view: alertModal({ channelId: command.channel_id, responseUrl: command.response_url }),
      });
      return;
    }
    const outcome = await store(
      {
        kind: 'command',
        teamId: command.team_id,
        userId: command.user_id,
        channelId: command.channel_id,
        responseUrl: command.response_url,
        command: command.command,
        text: command.text,
      },
      command.trigger_id,
    );
    if (outcome === 'stored') await ack();
    else await ack({ response_type: 'ephemeral', text: ACK_TEXT[outcome] });
  });

  // Ack only after the job is stored (or Slack's deadline is near): Slack's 200 must mean the click will be handled.
  // Alert cards, and the `/alerts`, `/team` and `/automations` lists.
  app.action(/^(alert|alerts|team|automations):/, async ({ ack, body, action }) => {
    // Picking in the list's menu changes nothing yet: the picks travel in the state of the next button pressed.
    if ((action as { action_id: string }).action_id === ALERTS_PICK) return void (await ack());
    const a = action as {
      action_id: string;
      value?: string;
      selected_option?: { value: string };
      selected_user?: string;
    };
    const b = body as {
      team?: { id: string } | null;
      user: { id: string; team_id?: string };
      response_url?: string;
      trigger_id?: string;
      channel?: { id: string };
      state?: unknown;
    };
    const outcome = await store(
      {
        kind: 'action',
        teamId: b.team?.id ?? b.user.team_id ?? '',
        userId: b.user.id,
        responseUrl: b.response_url,
        channelId: b.channel?.id,
        actionId: a.action_id,
        selected: a.selected_option?.value ?? a.selected_user,
        picked: pickedFromSlackState(b.state),
      },
      b.trigger_id,
    );
    await ack();
    if (outcome !== 'stored') await tell(runtime, b.response_url, ACK_TEXT[outcome]);
  });

  app.view(ALERT_MODAL_ID, async ({ ack, body, view }) => {
    let meta: { channelId?: string; responseUrl?: string } = {};
    try {
      meta = JSON.parse(view.private_metadata || '{}') as typeof meta;
    } catch {
      // A modal we did not open (or an old one): answer with what we have rather than fail the submit.
    }
    const outcome = await store(
      {
        kind: 'command',
        teamId: body.team?.id ?? body.user.team_id ?? '',
        userId: body.user.id,
        channelId: meta.channelId,
        responseUrl: meta.responseUrl,
        command: '/alert',
        text: alertModalText(view.state.values),
      },
      triggerIdOf(body),
    );
    if (outcome === 'stored' || outcome === 'late') await ack();
    else await ack({ response_action: 'errors', errors: { criteria: ACK_TEXT[outcome] } } as never);
  });

  for (const modal of RULES_FILE_MODALS)
    app.view(modal.id, async ({ ack, body, view }) => {
      const meta = modalMeta<{ channelId?: string; responseUrl?: string; days?: number }>(view.private_metadata);
      const outcome = await store(
        {
          kind: 'command',
          teamId: body.team?.id ?? body.user.team_id ?? '',
          userId: body.user.id,
          channelId: meta.channelId,
          responseUrl: meta.responseUrl,
          command: modal.command,
          text: rulesFileModalText(modal, view.state.values as never, meta.days ?? modal.defaultDays),
        },
        triggerIdOf(body),
      );
      if (outcome === 'stored' || outcome === 'late') await ack();
      else await ack({ response_action: 'errors', errors: { rules: ACK_TEXT[outcome] } } as never);
    });

  registerSettingsListeners(app, runtime, NOT_CONNECTED);

  // The workspace removed the app or revoked its bot token: the stored token is dead, forget it.
  app.event('app_uninstalled', async ({ body }) => {
    if (body.team_id) await uninstallSlackWorkspace(runtime, { teamId: body.team_id, actor: 'slack' });
  });
  app.event('tokens_revoked', async ({ event, body }) => {
    if (body.team_id && event.tokens.bot?.length)
      await uninstallSlackWorkspace(runtime, { teamId: body.team_id, actor: 'slack' });
  });
}

/** A submitted form's trigger id (a closed one has none). */
const triggerIdOf = (body: object) => ('trigger_id' in body ? String(body.trigger_id) : undefined);

/** A modal's private metadata, or nothing when it is not ours (an old form): answer with what we have. */
function modalMeta<T extends object>(raw: string | undefined): Partial<T> {
  try {
    return JSON.parse(raw || '{}') as Partial<T>;
  } catch {
    return {};
  }
}
