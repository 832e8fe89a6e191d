// Builders and API types, not discord.js itself: the edge Worker renders Discord answers too and bundles no client.
import {
  ActionRowBuilder,
  ButtonBuilder,
  EmbedBuilder,
  StringSelectMenuBuilder,
  UserSelectMenuBuilder,
  type MessageActionRowComponentBuilder,
} from '@discordjs/builders';
import {
  ButtonStyle,
  MessageFlags,
  type APIActionRowComponent,
  type APIComponentInMessageActionRow,
  type APIEmbed,
} from 'discord-api-types/v10';
import type { ChatMessage, ChatTone } from '../message/chat-message.ts';
import { textTable } from '../charts/text-table.ts';
import { truncate } from './markdown.ts';

/** A file to upload with a message (what discord.js's AttachmentBuilder carries). */
export interface DiscordFile {
  attachment: Buffer;
  name: string;
  description?: string;
}

export interface DiscordRendered {
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIComponentInMessageActionRow>[];
  /** Upload with the message; the embed points at them as `attachment://<name>`. */
  files: DiscordFile[];
  /** 64 (ephemeral) when only the asker should see it; only honoured on interaction responses. */
  flags?: number;
}

// Discord limits: 5 rows, 5 buttons per row, a select fills a row on its own, 25 embed fields.
const MAX = {
  rows: 5,
  buttonsPerRow: 5,
  fields: 25,
  title: 256,
  description: 4096,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
};

const COLOR: Record<ChatTone, number> = {
  critical: 0xdc2626,
  high: 0xf59e0b,
  normal: 0x2563eb,
  low: 0x6b7280,
  success: 0x16a34a,
  muted: 0x9ca3af,
};

const STYLE = { primary: ButtonStyle.Primary, danger: ButtonStyle.Danger, default: ButtonStyle.Secondary } as const;

/**
 * Renders a neutral message as a Discord embed plus component rows, ready for an interaction
 * response or a REST message create. Discord speaks our markdown subset natively.
 * @example const { embeds, components, flags } = renderDiscord(alertMessage(view))
 */
export function renderDiscord(message: ChatMessage): DiscordRendered {
  const embed = new EmbedBuilder();
  if (message.header) embed.setTitle(truncate(message.header, MAX.title));
  // Five component rows cannot carry a row of buttons per item: Discord lists the items as text.
  const description = [
    ...message.sections,
    ...(message.items.length ? [message.items.map((i) => i.text).join('\n')] : []),
  ];
  if (message.table && !message.image) description.push('```\n' + textTable(message.table) + '\n```');
  if (description.length > 0) embed.setDescription(truncate(description.join('\n\n'), MAX.description));
  if (message.fields.length > 0) {
    embed.addFields(
      message.fields.slice(0, MAX.fields).map((f) => ({
        name: truncate(f.label, MAX.fieldName),
        value: truncate(f.value, MAX.fieldValue),
        inline: true,
      })),
    );
  }
  if (message.context.length > 0) embed.setFooter({ text: truncate(message.context.join(' · '), MAX.footer) });
  if (message.thumbnailUrl) embed.setThumbnail(message.thumbnailUrl);
  if (message.tone) embed.setColor(COLOR[message.tone]);

  const files: DiscordFile[] = [];
  if (message.image) {
    files.push({
      attachment: Buffer.from(message.image.png),
      name: message.image.filename,
      description: truncate(message.image.alt, 1024),
    });
    embed.setImage(`attachment://${message.image.filename}`);
  }
  if (message.file) files.push({ attachment: Buffer.from(message.file.data), name: message.file.filename });

  const rows: ActionRowBuilder<MessageActionRowComponentBuilder>[] = [];
  for (let i = 0; i < message.buttons.length; i += MAX.buttonsPerRow) {
    const buttons = message.buttons
      .slice(i, i + MAX.buttonsPerRow)
      .map((b) => new ButtonBuilder().setCustomId(b.actionId).setLabel(truncate(b.label, 80)).setStyle(STYLE[b.style]));
    rows.push(new ActionRowBuilder<MessageActionRowComponentBuilder>().addComponents(buttons));
  }
  for (const s of message.selects) {
    const strings = new StringSelectMenuBuilder().setCustomId(s.actionId).setPlaceholder(s.placeholder);
    if (s.maxValues) strings.setMaxValues(Math.min(s.maxValues, s.options.length));
    const select =
      s.options.length === 0
        ? new UserSelectMenuBuilder().setCustomId(s.actionId).setPlaceholder(s.placeholder)
        : strings.addOptions(
            s.options.map((o) => ({
              label: o.label,
              value: o.value,
              ...(o.description ? { description: truncate(o.description, 100) } : {}),
              ...(o.selected ? { default: true } : {}),
            })),
          );
    rows.push(new ActionRowBuilder<MessageActionRowComponentBuilder>().addComponents(select));
  }

  const embeds =
    message.header || description.length > 0 || message.fields.length > 0 || message.image ? [embed.toJSON()] : [];
  return {
    embeds,
    components: rows.slice(0, MAX.rows).map((r) => r.toJSON()),
    files,
    ...(message.ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
  };
}
