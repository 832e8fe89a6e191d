import { Hono } from 'hono';
import { InteractionResponseType, InteractionType, MessageFlags } from 'discord.js';
import type { AppEnv } from '../app-env.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { AppError } from '../../core/errors/app-error.ts';
import { tenantByDiscordGuild } from '../../db/queries/tenants.ts';
import { assertSignature } from '../../bots/verify/signature-check.ts';
import { verifyDiscordSignature } from '../../bots/verify/verify-discord-signature.ts';
import { commandLineFromInteraction } from '../../bots/discord/discord-commands.ts';
import { parseCommand } from '../../bots/commands/parse-command.ts';
import { helpMessage } from '../../bots/message/help-message.ts';
import { noticeMessage } from '../../bots/message/chat-message.ts';
import { renderDiscord } from '../../bots/render/render-discord.ts';
import type { DiscordWork } from '../../bots/discord/discord-work.ts';

// Answers only the asker should see: personal data and account linking.
const PRIVATE_COMMANDS = new Set(['lead', 'link', 'alert']);

/**
 * `POST /discord/interactions`. Discord probes this URL with bad signatures and disables it unless
 * they get 401, so verification comes first, on the raw body. Commands and buttons are deferred
 * (types 5 and 6) and finished by a `chat.action` job through the interaction webhook.
 */
export function discordRoutes(runtime: Runtime) {
  const app = new Hono<AppEnv>();
  app.post('/discord/interactions', async (c) => {
    const publicKey = runtime.env.DISCORD_PUBLIC_KEY;
    if (!publicKey)
      throw new AppError('not_found', 'Discord is not configured on this server (DISCORD_PUBLIC_KEY is unset)');
    const raw = await c.req.text();
    assertSignature(
      verifyDiscordSignature({
        publicKeyHex: publicKey,
        rawBody: raw,
        now: runtime.clock.now(),
        maxAgeSeconds: runtime.env.WEBHOOK_MAX_AGE_SECONDS,
        timestamp: c.req.header('x-signature-timestamp'),
        signature: c.req.header('x-signature-ed25519'),
      }),
    );
    let body: Interaction;
    try {
      body = JSON.parse(raw) as Interaction;
    } catch {
      throw new AppError('invalid_json', 'Interaction body is not valid JSON');
    }
    // Valid JSON is not necessarily an interaction (`null`, a number): refuse it by name, not with a TypeError.
    if (!body || typeof body !== 'object' || typeof body.type !== 'number')
      throw new AppError('bad_request', 'Interaction body must be an object with a numeric type');
    if (body.type === InteractionType.Ping) return c.json({ type: InteractionResponseType.Pong });

    const reply = (message: ReturnType<typeof noticeMessage>) => {
      const { embeds, components, flags } = renderDiscord(message);
      return c.json({ type: InteractionResponseType.ChannelMessageWithSource, data: { embeds, components, flags } });
    };
    const tenant = body.guild_id ? await tenantByDiscordGuild(runtime.db, body.guild_id) : undefined;
    if (!tenant)
      return reply(
        noticeMessage(
          'This server is not connected to Porchlight yet. An admin can connect it with `porchlight tenant add --discord-guild <id>`, then `porchlight discord register`.',
        ),
      );
    const userId = body.member?.user?.id ?? body.user?.id ?? '';
    const base = { applicationId: body.application_id, token: body.token, userId, guildId: body.guild_id! };

    if (body.type === InteractionType.ApplicationCommand) {
      const text = commandLineFromInteraction(body.data?.name ?? '', body.data?.options);
      const parsed = parseCommand(text);
      // Usage errors and help need no database: answer them in the first response.
      if (!parsed.ok) return reply(parsed.reply);
      if (parsed.command.name === 'help') return reply(helpMessage());
      const work: DiscordWork = { ...base, kind: 'command', command: body.data?.name, text };
      await runtime.queue.enqueue('chat.action', { tenantId: tenant.id, platform: 'discord', payload: { ...work } });
      const ephemeral = PRIVATE_COMMANDS.has(parsed.command.name);
      return c.json({
        type: InteractionResponseType.DeferredChannelMessageWithSource,
        ...(ephemeral ? { data: { flags: MessageFlags.Ephemeral } } : {}),
      });
    }
    if (body.type === InteractionType.MessageComponent) {
      const work: DiscordWork = {
        ...base,
        kind: 'component',
        customId: body.data?.custom_id,
        values: body.data?.values,
      };
      await runtime.queue.enqueue('chat.action', { tenantId: tenant.id, platform: 'discord', payload: { ...work } });
      return c.json({ type: InteractionResponseType.DeferredMessageUpdate });
    }
    return reply(noticeMessage('Porchlight does not handle that kind of interaction.'));
  });
  return app;
}

interface Interaction {
  type: number;
  id: string;
  application_id: string;
  token: string;
  guild_id?: string;
  member?: { user?: { id: string } };
  user?: { id: string };
  data?: {
    name?: string;
    options?: Array<{ name: string; type: number; value?: string | number | boolean }>;
    custom_id?: string;
    values?: string[];
  };
}
