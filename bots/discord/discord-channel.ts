import { createHash } from 'node:crypto';
import type { DiscordAPIError, RateLimitError } from '@discordjs/rest';
import { Routes, type APIMessage } from 'discord-api-types/v10';
import type { AlertDelivery, Channel, DeliveryResult, UncertainDelivery } from '../channel.ts';
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
  /** A one-off message (the weekly report): its chart goes as an attachment the embed shows. */
  sendMessage: (runtime, delivery) => {
    const { embeds, components, files } = renderDiscord(delivery.message);
    return post(
      runtime,
      delivery,
      { embeds, components },
      files.map((f) => ({ name: f.name, data: f.attachment })),
    );
  },
  findDelivered,

  async updateAlert(runtime, _tenant, ref, view) {
    const { embeds, components } = renderDiscord(alertMessage(view));
    await discordRest(runtime).patch(Routes.channelMessage(String(ref.channelId), String(ref.messageId)), {
      body: { embeds, components },
    });
  },
};

/**
 * Discord keeps a nonce for "a short duration" (minutes): a retry within it is answered with the first
 * message, so it needs no search. Past it (a worker down longer than that), a repeat would post twice.
 */
const NONCE_MEMORY_MS = 2 * 60_000;
/** Discord's epoch, for a snowflake that means "messages after this time". */
const DISCORD_EPOCH_MS = 1_420_070_400_000n;

/**
 * After a crash mid-send that Discord's nonce memory no longer covers: the DM's messages since the attempt
 * began, looking for our card of this alert (its buttons carry the alert id). A plain text has no such mark
 * and is posted again at worst once.
 */
async function findDelivered(runtime: Runtime, delivery: UncertainDelivery): Promise<DeliveryResult | null> {
  const started = delivery.attemptStartedAt?.getTime();
  if (started === undefined || !delivery.alertId) return null;
  if (runtime.clock.now().getTime() - started < NONCE_MEMORY_MS) return null;
  try {
    const rest = discordRest(runtime);
    const channelId = await channelOf(runtime, delivery);
    const after = String((BigInt(Math.max(0, started - 60_000)) - DISCORD_EPOCH_MS) << 22n);
    const messages = (await rest.get(Routes.channelMessages(channelId), {
      query: new URLSearchParams({ after, limit: '100' }),
    })) as APIMessage[];
    const alertId = delivery.alertId;
    const found = messages.find((m) => m.author?.bot && JSON.stringify(m.components ?? []).includes(alertId));
    return found ? { status: 'sent', providerMessageId: found.id, ref: { channelId, messageId: found.id } } : null;
  } catch {
    // Unknown is not "found": the caller posts again with the nonce, at worst one duplicate.
    return null;
  }
}

/** A DM's channel (opening a DM answers the same channel every time) or the guild channel itself. */
async function channelOf(runtime: Runtime, delivery: Pick<AlertDelivery, 'recipient' | 'recipientKind'>) {
  if (delivery.recipientKind === 'channel') return delivery.recipient;
  const dm = (await discordRest(runtime).post(Routes.userChannels(), {
    body: { recipient_id: delivery.recipient },
  })) as {
    id: string;
  };
  return dm.id;
}

/**
 * One message to a DM (a user id: the DM channel is opened first, which Discord answers with the same
 * channel every time) or a guild channel. The nonce is the idempotency key's: a retry within Discord's
 * few minutes of nonce memory gets the first message back instead of posting a second.
 */
async function post(
  runtime: Runtime,
  delivery: Omit<AlertDelivery, 'view'>,
  content: Record<string, unknown>,
  files: Array<{ name: string; data: Buffer }> = [],
): Promise<DeliveryResult> {
  const rest = discordRest(runtime);
  try {
    const channelId = await channelOf(runtime, delivery);
    const message = (await rest.post(Routes.channelMessages(channelId), {
      body: {
        ...content,
        nonce: discordNonce(delivery.idempotencyKey),
        enforce_nonce: true,
        allowed_mentions: { parse: [] },
      },
      ...(files.length ? { files } : {}),
    })) as { id: string };
    return { status: 'sent', providerMessageId: message.id, ref: { channelId, messageId: message.id } };
  } catch (error) {
    if (isDiscordApiError(error))
      return {
        status: 'failed',
        error: `discord ${error.code}: ${error.message}`,
        permanent: PERMANENT.has(Number(error.code)),
      };
    if (isRateLimitError(error))
      return { status: 'failed', error: `discord rate limited on ${error.route}`, permanent: false };
    return { status: 'failed', error: `discord: ${(error as Error).message}`, permanent: false };
  }
}

// By name, not instanceof: importing @discordjs/rest's classes here would load it (38 MB) in every process,
// while only a process configured for Discord needs it (jobs/providers.ts loads it then).
const isDiscordApiError = (error: unknown): error is DiscordAPIError =>
  error instanceof Error && error.name.startsWith('DiscordAPIError[');
const isRateLimitError = (error: unknown): error is RateLimitError =>
  error instanceof Error && error.name.startsWith('RateLimitError[');
