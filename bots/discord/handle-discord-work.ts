import { agentByChatUser } from '../../db/queries/agents/chat-links.ts';
import type { Tenant } from '../../db/queries/tenants.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { parseActionId } from '../message/action-id.ts';
import { noticeMessage, type ChatMessage } from '../message/chat-message.ts';
import { helpMessage } from '../message/help-message.ts';
import { parseCommand } from '../commands/parse-command.ts';
import { discordAttachmentReader } from './discord-attachment.ts';
import { runCommand } from '../commands/run-command.ts';
import { linkCommand, linkYourAccountMessage } from '../commands/link.ts';
import { performAlertAction } from '../actions/perform-alert-action.ts';
import { answerInteraction } from './answer-interaction.ts';
import type { DiscordWork } from './discord-work.ts';
import { handleDiscordListWork } from './handle-discord-list-work.ts';
import { parseListActionId } from '../message/list-action-id.ts';

/**
 * The slow half of a Discord interaction. A command's deferred answer is edited in place
 * (`@original`); a button press gets a private follow-up, while `alert.refresh` updates the card.
 */
export async function handleDiscordWork(runtime: Runtime, tenant: Tenant, work: DiscordWork): Promise<void> {
  if (work.kind === 'component' && parseListActionId(work.customId ?? ''))
    return handleDiscordListWork(runtime, tenant, work);
  const answer =
    work.kind === 'command' ? await commandAnswer(runtime, tenant, work) : await componentAnswer(runtime, tenant, work);
  await answerInteraction(runtime, work, answer, { replace: work.kind === 'command' });
}

async function commandAnswer(runtime: Runtime, tenant: Tenant, work: DiscordWork): Promise<ChatMessage> {
  const parsed = parseCommand(work.text ?? '');
  if (!parsed.ok) return parsed.reply;
  if (parsed.command.name === 'help') return helpMessage();
  if (parsed.command.name === 'link')
    return linkCommand({
      runtime,
      tenant,
      platform: 'discord',
      platformUserId: work.userId,
      email: parsed.command.email,
    });
  const actor = await agentByChatUser(runtime.db, tenant.id, 'discord', work.userId);
  if (!actor) return linkYourAccountMessage('Discord');
  return runCommand(
    {
      runtime,
      tenant,
      actor,
      platform: 'discord',
      platformUserId: work.userId,
      readAttachment: discordAttachmentReader(runtime),
    },
    parsed.command,
  );
}

async function componentAnswer(runtime: Runtime, tenant: Tenant, work: DiscordWork): Promise<ChatMessage> {
  const action = parseActionId(work.customId ?? '');
  if (!action) return noticeMessage('That button is from an older version of Porchlight; use `/porchlight help`.');
  const actor = await agentByChatUser(runtime.db, tenant.id, 'discord', work.userId);
  if (!actor) return linkYourAccountMessage('Discord');
  const outcome = await performAlertAction(
    { runtime, tenant, actor, platform: 'discord', platformUserId: work.userId },
    { ...action, targetAgent: work.values?.[0] },
  );
  return outcome.reply;
}
