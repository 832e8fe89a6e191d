import { agentByChatUser } from '../../db/queries/agents/chat-links.ts';
import type { Agent, Tenant } from '../../db/queries/tenants.ts';
import { linkSlackUserByEmail } from '../../db/use-cases/tenants/link-slack-user-by-email.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { parseActionId } from '../message/action-id.ts';
import type { ChatMessage } from '../message/chat-message.ts';
import { helpMessage } from '../message/help-message.ts';
import { noticeMessage } from '../message/chat-message.ts';
import { parseSlashCommand } from '../commands/parse-command.ts';
import { runCommand } from '../commands/run-command.ts';
import { linkCommand, linkYourAccountMessage } from '../commands/link.ts';
import { performAlertAction } from '../actions/perform-alert-action.ts';
import { performListAction } from '../actions/perform-list-action.ts';
import { parseListActionId } from '../message/list-action-id.ts';
import type { SlackWork } from './slack-listeners.ts';
import { slackReply } from './slack-reply.ts';
import { slackWebFor } from './slack-web.ts';
import { slackAttachmentReader } from './slack-attachment.ts';

/**
 * The slow half of a Slack interaction, run by the `chat.action` job: find the agent behind the
 * Slack user, run the command or button, and answer privately through `response_url`.
 */
export async function handleSlackWork(runtime: Runtime, tenant: Tenant, work: SlackWork): Promise<void> {
  const reply = (message: ChatMessage) => slackReply(runtime, work, message);

  if (work.kind === 'command') {
    const parsed = parseSlashCommand(work.command ?? '', work.text ?? '');
    if (!parsed.ok) return reply(parsed.reply);
    if (parsed.command.name === 'help') return reply(helpMessage());
    if (parsed.command.name === 'link') {
      const email = parsed.command.email ?? (await profileEmail(runtime, work.teamId, work.userId));
      return reply(await linkCommand({ runtime, tenant, platform: 'slack', platformUserId: work.userId, email }));
    }
    const actor = await slackActor(runtime, tenant, work.userId);
    if (!actor) return reply(linkYourAccountMessage('Slack'));
    const readAttachment = slackAttachmentReader(runtime, work.teamId);
    return reply(
      await runCommand(
        { runtime, tenant, actor, platform: 'slack', platformUserId: work.userId, readAttachment },
        parsed.command,
      ),
    );
  }

  const action = parseActionId(work.actionId ?? '');
  if (!action && !parseListActionId(work.actionId ?? ''))
    return reply(noticeMessage('That button is from an older version of Porchlight; use `/porchlight help`.'));
  const actor = await slackActor(runtime, tenant, work.userId);
  if (!actor) return reply(linkYourAccountMessage('Slack'));
  if (!action) {
    const listed = await performListAction(
      { runtime, tenant, actor, platform: 'slack', platformUserId: work.userId },
      { actionId: work.actionId ?? '', values: work.selected ? [work.selected] : [], picked: work.picked },
    );
    return slackReply(runtime, work, listed!.reply, { replaceOriginal: listed!.replace });
  }
  const outcome = await performAlertAction(
    { runtime, tenant, actor, platform: 'slack', platformUserId: work.userId },
    { ...action, targetAgent: work.selected },
  );
  return reply(outcome.reply);
}

/**
 * The agent behind a Slack user. Unlinked users whose Slack profile email matches an agent are
 * linked on first use, so most of a team never needs `/porchlight link`.
 */
async function slackActor(runtime: Runtime, tenant: Tenant, userId: string): Promise<Agent | undefined> {
  const linked = await agentByChatUser(runtime.db, tenant.id, 'slack', userId);
  if (linked) return linked;
  const email = await profileEmail(runtime, tenant.slackTeamId, userId);
  if (!email) return undefined;
  return linkSlackUserByEmail(runtime, { tenantId: tenant.id, email, slackUserId: userId });
}

/** Needs the `users:read.email` scope; without it we fall back to `/porchlight link <email>`. */
async function profileEmail(
  runtime: Runtime,
  teamId: string | null | undefined,
  userId: string,
): Promise<string | undefined> {
  try {
    const res = await (await slackWebFor(runtime, teamId)).users.info({ user: userId });
    return res.user?.profile?.email ?? undefined;
  } catch {
    return undefined;
  }
}
