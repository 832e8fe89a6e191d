import { z } from 'zod';

/**
 * The platform-neutral message every command and alert produces. Renderers turn it into Slack
 * Block Kit, Discord embeds + components, or terminal text; nothing here knows which.
 *
 * Text is "markdown-ish": `**bold**`, `_italic_`, `` `code` `` and `[label](url)`. Each renderer
 * translates that small subset (Slack wants `*bold*` and `<url|label>`; the terminal strips it).
 */

export const ButtonStyle = z.enum(['primary', 'danger', 'default']);
export type ButtonStyle = z.infer<typeof ButtonStyle>;

export const ChatButton = z.object({
  actionId: z.string().min(1).max(100), // Discord custom_id caps at 100
  label: z.string().min(1).max(75),
  value: z.string().max(2000),
  style: ButtonStyle.default('default'),
  /** The line a terminal user types for the same thing (`pause sam`), when the action id alone does not say it. */
  command: z.string().min(1).optional(),
});
export type ChatButton = z.infer<typeof ChatButton>;

export const ChatSelectOption = z.object({
  label: z.string().min(1).max(75),
  value: z.string().min(1).max(100),
  /** A second line under the label (Discord caps it at 100, Slack at 75; renderers shorten). */
  description: z.string().min(1).max(100).optional(),
  /** Shown already picked (Slack initial_options, Discord default). */
  selected: z.boolean().optional(),
});
export type ChatSelectOption = z.infer<typeof ChatSelectOption>;

/** With no options, platforms offer their own user picker (Slack users_select, Discord user select). */
export const ChatSelect = z.object({
  actionId: z.string().min(1).max(100),
  placeholder: z.string().min(1).max(150),
  options: z.array(ChatSelectOption).max(25),
  /** Set for a multi-select (Slack multi_static_select, Discord max_values): at most this many picks. */
  maxValues: z.number().int().min(2).max(25).optional(),
});
export type ChatSelect = z.infer<typeof ChatSelect>;

/**
 * One entry of a list that carries its own controls (a row of `/alerts` with its card's buttons). Slack
 * draws each with its buttons; Discord, which allows five component rows a message, shows the text only.
 */
export const ChatItem = z.object({
  text: z.string().min(1),
  /** What the item stands for (an alert id): the terminal lets people refer to items by their row number. */
  ref: z.string().min(1).optional(),
  buttons: z.array(ChatButton).default([]),
  selects: z.array(ChatSelect).default([]),
});
export type ChatItem = z.infer<typeof ChatItem>;
export type ChatItemInput = z.input<typeof ChatItem>;

export const ChatField = z.object({ label: z.string().min(1), value: z.string().min(1) });
export type ChatField = z.infer<typeof ChatField>;

/** A rendered chart: Slack uploads it, Discord attaches it, the terminal shows `table` instead. */
export const ChatImage = z.object({
  png: z.custom<Uint8Array>((v) => v instanceof Uint8Array, 'PNG bytes'),
  alt: z.string().min(1),
  filename: z.string().regex(/^[\w.-]+\.png$/),
});
export type ChatImage = z.infer<typeof ChatImage>;

/** A file the answer carries (an export): Slack uploads it to the conversation, Discord attaches it. */
export const ChatFile = z.object({
  data: z.custom<Uint8Array>((v) => v instanceof Uint8Array, 'file bytes'),
  filename: z.string().regex(/^[\w.-]+$/),
  title: z.string().min(1).max(150),
});
export type ChatFile = z.infer<typeof ChatFile>;

export const ChatTable = z.object({
  columns: z.array(z.string()).min(1),
  rows: z.array(z.array(z.string())),
});
export type ChatTable = z.infer<typeof ChatTable>;

/** Colours the Discord embed edge; other platforms may ignore it. */
export const ChatTone = z.enum(['critical', 'high', 'normal', 'low', 'success', 'muted']);
export type ChatTone = z.infer<typeof ChatTone>;

export const ChatMessage = z.object({
  header: z.string().min(1).max(150).optional(),
  sections: z.array(z.string().min(1)).default([]),
  fields: z.array(ChatField).default([]),
  items: z.array(ChatItem).max(25).default([]),
  context: z.array(z.string().min(1)).default([]),
  buttons: z.array(ChatButton).default([]),
  selects: z.array(ChatSelect).default([]),
  image: ChatImage.optional(),
  file: ChatFile.optional(),
  table: ChatTable.optional(),
  thumbnailUrl: z.url().optional(),
  tone: ChatTone.optional(),
  ephemeral: z.boolean().default(false),
});
/** What renderers receive: every list present. Build one with `chatMessage({...})`. */
export type ChatMessage = z.output<typeof ChatMessage>;
export type ChatMessageInput = z.input<typeof ChatMessage>;

/** Validates and fills defaults, so a builder mistake fails where it is made, not inside a renderer. */
export function chatMessage(input: ChatMessageInput): ChatMessage {
  return ChatMessage.parse(input);
}

/** A one-line reply (errors, confirmations, usage), private to the asker unless told otherwise. */
export function noticeMessage(text: string, options: { ephemeral?: boolean; tone?: ChatTone } = {}): ChatMessage {
  return chatMessage({ sections: [text], ephemeral: options.ephemeral ?? true, tone: options.tone });
}
