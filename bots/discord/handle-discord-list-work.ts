import { Routes } from 'discord-api-types/v10';
import { agentByChatUser } from '../../db/queries/agents/chat-links.ts';
import type { Tenant } from '../../db/queries/tenants.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { performListAction } from '../actions/perform-list-action.ts';
import { linkYourAccountMessage } from '../commands/link.ts';
import { noticeMessage } from '../message/chat-message.ts';
import { renderDiscord } from '../render/render-discord.ts';
import { discordRest } from './discord-rest.ts';
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
  const { embeds, components, files, flags } = renderDiscord(reply);
  const attachments = files.map((f) => ({ name: f.name, data: f.attachment }));
  const rest = discordRest(runtime);
  if (replace) {
    await rest.patch(Routes.webhookMessage(work.applicationId, work.token, '@original'), {
      body: { embeds, components },
      files: attachments,
      auth: false,
    });
  } else {
    await rest.post(Routes.webhook(work.applicationId, work.token), {
      body: { embeds, components, flags },
      files: attachments,
      auth: false,
    });
  }
}
