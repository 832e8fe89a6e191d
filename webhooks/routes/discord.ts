import { Hono } from 'hono';
import {
  InteractionResponseType,
  InteractionType,
  MessageFlags,
  type APIModalSubmissionComponent,
} from 'discord-api-types/v10';
import type { AppEnv } from '../app-env.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { AppError } from '../../core/errors/app-error.ts';
import { readInboundJson } from '../../core/inbound/clean-inbound-text.ts';
import { tenantByDiscordGuild } from '../../db/queries/tenants.ts';
import { commandLineFromInteraction, type InteractionResolved } from '../../bots/discord/discord-commands.ts';
import { parseCommand } from '../../bots/commands/parse-command.ts';
import { helpMessage } from '../../bots/message/help-message.ts';
import { noticeMessage } from '../../bots/message/chat-message.ts';
import { renderDiscord } from '../../bots/render/render-discord.ts';
import type { DiscordWork } from '../../bots/discord/discord-work.ts';
import { isSettingsModal, settingsModalResponse, settingsPickResponse } from '../../bots/discord/settings-menu.ts';
import { SETTINGS_PICK_ACTION } from '../../bots/commands/settings/setting-fields.ts';
import { verifySignature } from '../middleware/verify-signature.ts';
import { pickedFromDiscordMessage } from '../../bots/discord/picked-from-message.ts';
import { ingestChatWork } from '../../db/use-cases/inbound/ingest-chat-work.ts';

// Answers only the asker should see: personal data, account linking and team settings.
const PRIVATE_COMMANDS = new Set([
  'lead',
  'link',
  'alert',
  'settings',
  'rules-simulate',
  'alerts',
  'team',
  'automations',
  'automation-toggle',
  'automations-test',
]);

/**
 * `POST /discord/interactions`. Discord probes this URL with bad signatures and disables it unless
 * they get 401, so the signature middleware comes first, on the raw body. Commands and buttons are
 * deferred (types 5 and 6) and finished by a `chat.action` job through the interaction webhook.
 */
export function discordRoutes(runtime: Runtime) {
  const app = new Hono<AppEnv>();
  app.post('/discord/interactions', verifySignature('discord', runtime), async (c) => {
    // The signature was checked on the bytes as received; a leading BOM is tolerated only now, when parsing.
    const body = readInboundJson(c.get('rawBody').toString('utf8'), 'Interaction body').value as Interaction;
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
          'This server is not connected to Porchlight yet. An admin can connect it with ' +
            '`porchlight tenant add --discord-guild <id>`, then `porchlight discord register`.',
        ),
      );
    const userId = body.member?.user?.id ?? body.user?.id ?? '';
    const base = { applicationId: body.application_id, token: body.token, userId, guildId: body.guild_id! };
    // Stored with its job before Discord hears the deferral; a redelivered interaction (same id) is stored once.
    const store = (work: DiscordWork) =>
      ingestChatWork(
        { writer: runtime.inboundWriter, clock: runtime.clock },
        { platform: 'discord', tenantId: tenant.id, kind: work.kind, interactionId: body.id, work: { ...work } },
      );

    if (body.type === InteractionType.ApplicationCommand) {
      const text = commandLineFromInteraction(body.data?.name ?? '', body.data?.options, body.data?.resolved);
      const parsed = parseCommand(text);
      // Usage errors and help need no database: answer them in the first response.
      if (!parsed.ok) return reply(parsed.reply);
      if (parsed.command.name === 'help') return reply(helpMessage());
      await store({ ...base, kind: 'command', command: body.data?.name, text });
      const ephemeral = PRIVATE_COMMANDS.has(parsed.command.name);
      return c.json({
        type: InteractionResponseType.DeferredChannelMessageWithSource,
        ...(ephemeral ? { data: { flags: MessageFlags.Ephemeral } } : {}),
      });
    }
    // Opening a modal must be the first answer, and a settings form is saved before answering: no job for these.
    if (body.type === InteractionType.MessageComponent && body.data?.custom_id === SETTINGS_PICK_ACTION)
      return c.json(await settingsPickResponse(runtime, tenant, userId, body.data.values));
    if (body.type === InteractionType.ModalSubmit && isSettingsModal(body.data?.custom_id))
      return c.json(await settingsModalResponse(runtime, tenant, userId, body.data ?? {}));
    if (body.type === InteractionType.MessageComponent) {
      await store({
        ...base,
        kind: 'component',
        customId: body.data?.custom_id,
        values: body.data?.values,
        picked: pickedFromDiscordMessage(body.message),
      });
      return c.json({ type: InteractionResponseType.DeferredMessageUpdate });
    }
    return reply(noticeMessage('Porchlight does not handle that kind of interaction.'));
  });
  return app;
}

interface Interaction {
  type: number;
  /** For a component: the message it sits on, with its components. */
  message?: unknown;
  id: string;
  application_id: string;
  token: string;
  guild_id?: string;
  member?: { user?: { id: string } };
  user?: { id: string };
  data?: {
    name?: string;
    options?: Array<{ name: string; type: number; value?: string | number | boolean }>;
    resolved?: InteractionResolved;
    custom_id?: string;
    values?: string[];
    /** A modal submission's fields. */
    components?: APIModalSubmissionComponent[];
  };
}
