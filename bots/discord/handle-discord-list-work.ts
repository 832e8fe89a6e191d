import { agentByChatUser } from '../../db/queries/agents/chat-links.ts';
import type { Tenant } from '../../db/queries/tenants.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { performListAction } from '../actions/perform-list-action.ts';
import { linkYourAccountMessage } from '../commands/link.ts';
import { noticeMessage } from '../message/chat-message.ts';
import { answerInteraction } from './answer-interaction.ts';
import type { DiscordWork } from './discord-work.ts';

/**
 * A control of `/alerts` or `/team` pressed on Discord. Another page or the team view after a pause is
 * drawn over the message pressed on (`@original` of a component interaction is that message); picks and
 * bulk answers follow privately below it.
 */
export async function handleDiscordListWork(runtime: Runtime, tenant: Tenant, work: DiscordWork): Promise<void> {
  const actor = await agentByChatUser(runtime.db, tenant.id, 'discord', work.userId);
  const outcome = actor
    ? await performListAction(
        { runtime, tenant, actor, platform: 'discord', platformUserId: work.userId },
        { actionId: work.customId ?? '', values: work.values, picked: work.picked },
      )
    : { reply: linkYourAccountMessage('Discord'), replace: false };
  const { reply, replace } = outcome ?? { reply: noticeMessage('That button is no longer handled.'), replace: false };
  await answerInteraction(runtime, work, reply, { replace });
}
