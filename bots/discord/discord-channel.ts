import { createHash } from 'node:crypto';
import { DiscordAPIError, RateLimitError } from '@discordjs/rest';
import { Routes } from 'discord.js';
import type { AlertDelivery, Channel, DeliveryResult } from '../channel.ts';
import { alertMessage } from '../message/alert-message.ts';
import { renderDiscord } from '../render/render-discord.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { discordRest } from './discord-rest.ts';

/** Discord nonces are at most 25 characters; a hash of the idempotency key fits and stays unique. */
export function discordNonce(idempotencyKey: string): string {
  return createHash('sha256').update(idempotencyKey).digest('base64url').slice(0, 25);
}

// 10003 unknown channel, 10013 unknown user, 50007 cannot DM this user, 50001 missing access.
const PERMANENT = new Set([10003, 10013, 50007, 50001, 50013, 50035]);

/**
 * Alerts as an embed with buttons: a DM for an agent (open the DM channel, then post) or a post in
 * a guild channel. `enforce_nonce` makes Discord return the first message for a repeated nonce,
 * so a retried delivery never posts twice. `ref` is `{channelId, messageId}`.
 */
export const discordChannel: Channel = {
  name: 'discord',
  available: (runtime, tenant) => Boolean(runtime.env.DISCORD_BOT_TOKEN && tenant.discordGuildId),
  addressOf: (agent) => agent.discordUserId ?? null,
  deliverAlert: (runtime, delivery) => {
    const { embeds, components } = renderDiscord(alertMessage(delivery.view));
    return post(runtime, delivery, { embeds, components });
  },
  /** A plain text composed ahead of time (a notice that a message to a lead may not have gone out). */
  sendText: (runtime, delivery) => post(runtime, delivery, { content: delivery.text }),

  async updateAlert(runtime, _tenant, ref, view) {
    const { embeds, components } = renderDiscord(alertMessage(view));
    await discordRest(runtime).patch(Routes.channelMessage(String(ref.channelId), String(ref.messageId)), {
      body: { embeds, components },
    });
  },
};

/**
 * One message to a DM (a user id: the DM channel is opened first, which Discord answers with the same
 * channel every time) or a guild channel. The nonce is the idempotency key's: a retry within Discord's
 * few minutes of nonce memory gets the first message back instead of posting a second.
 */
async function post(
  runtime: Runtime,
  delivery: Omit<AlertDelivery, 'view'>,
  content: Record<string, unknown>,
): Promise<DeliveryResult> {
  const rest = discordRest(runtime);
  try {
    const channelId =
      delivery.recipientKind === 'channel'
        ? delivery.recipient
        : ((await rest.post(Routes.userChannels(), { body: { recipient_id: delivery.recipient } })) as { id: string })
            .id;
    const message = (await rest.post(Routes.channelMessages(channelId), {
      body: {
        ...content,
        nonce: discordNonce(delivery.idempotencyKey),
        enforce_nonce: true,
        allowed_mentions: { parse: [] },
      },
    })) as { id: string };
    return { status: 'sent', providerMessageId: message.id, ref: { channelId, messageId: message.id } };
  } catch (error) {
    if (error instanceof DiscordAPIError)
      return {
        status: 'failed',
        error: `discord ${error.code}: ${error.message}`,
        permanent: PERMANENT.has(Number(error.code)),
      };
    if (error instanceof RateLimitError)
      return { status: 'failed', error: `discord rate limited on ${error.route}`, permanent: false };
    return { status: 'failed', error: `discord: ${(error as Error).message}`, permanent: false };
  }
}
