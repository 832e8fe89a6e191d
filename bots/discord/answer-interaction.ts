import { Routes } from 'discord-api-types/v10';
import type { Runtime } from '../../jobs/runtime.ts';
import type { ChatMessage } from '../message/chat-message.ts';
import { renderDiscord } from '../render/render-discord.ts';
import { discordRest } from './discord-rest.ts';
import type { DiscordWork } from './discord-work.ts';

/**
 * Answers a deferred interaction through its webhook (the interaction token, no bot token): `replace` edits the
 * deferred answer or the pressed message (`@original`), otherwise a follow-up is posted, private when the
 * message's flags say so.
 * @example await answerInteraction(runtime, work, reply, { replace: work.kind === 'command' })
 */
export async function answerInteraction(
  runtime: Runtime,
  work: Pick<DiscordWork, 'applicationId' | 'token'>,
  message: ChatMessage,
  options: { replace: boolean },
): Promise<void> {
  const { embeds, components, files, flags } = renderDiscord(message);
  const attachments = files.map((f) => ({ name: f.name, data: f.attachment }));
  const rest = discordRest(runtime);
  if (options.replace)
    await rest.patch(Routes.webhookMessage(work.applicationId, work.token, '@original'), {
      body: { embeds, components },
      files: attachments,
      auth: false,
    });
  else
    await rest.post(Routes.webhook(work.applicationId, work.token), {
      body: { embeds, components, flags },
      files: attachments,
      auth: false,
    });
}
