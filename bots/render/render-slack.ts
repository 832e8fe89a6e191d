import type {
  ActionsBlock,
  Button,
  ContextBlock,
  HeaderBlock,
  KnownBlock,
  MultiStaticSelect,
  PlainTextOption,
  SectionBlock,
  StaticSelect,
  UsersSelect,
} from '@slack/types';
import type { ChatImage, ChatMessage } from '../message/chat-message.ts';
import { textTable } from '../charts/text-table.ts';
import { escapeSlackPlain, toPlainText, toSlackMrkdwn, truncate } from './markdown.ts';

export interface SlackRendered {
  /** Notification and screen-reader fallback; Slack shows it where blocks cannot be shown. */
  text: string;
  blocks: KnownBlock[];
  ephemeral: boolean;
  /** Blocks cannot carry bytes: the caller uploads this (files.uploadV2) next to the message. */
  image?: ChatImage;
}

// Block Kit limits (api.slack.com/reference/block-kit): past them Slack rejects the whole message.
const MAX = {
  header: 150,
  section: 3000,
  fieldsPerSection: 10,
  field: 2000,
  contextElements: 10,
  actionsElements: 25,
  buttonText: 75,
};

/**
 * Renders a neutral message as Block Kit for chat.postMessage / chat.update / response_url.
 * @example const { text, blocks } = renderSlack(alertMessage(view)); await web.chat.postMessage({ channel, text, blocks })
 */
export function renderSlack(message: ChatMessage): SlackRendered {
  const blocks: KnownBlock[] = [];
  if (message.header) {
    blocks.push({
      type: 'header',
      text: { type: 'plain_text', text: truncate(message.header, MAX.header), emoji: true },
    } satisfies HeaderBlock);
  }
  message.sections.forEach((text, i) => {
    const section: SectionBlock = {
      type: 'section',
      text: { type: 'mrkdwn', text: truncate(toSlackMrkdwn(text), MAX.section) },
    };
    if (i === 0 && message.thumbnailUrl)
      section.accessory = { type: 'image', image_url: message.thumbnailUrl, alt_text: 'Listing photo' };
    blocks.push(section);
  });
  for (let i = 0; i < message.fields.length; i += MAX.fieldsPerSection) {
    const fields = message.fields.slice(i, i + MAX.fieldsPerSection).map((f) => ({
      type: 'mrkdwn' as const,
      text: truncate(`*${escapeSlackPlain(f.label)}*\n${toSlackMrkdwn(f.value)}`, MAX.field),
    }));
    blocks.push({ type: 'section', fields } satisfies SectionBlock);
  }
  // The chart image travels as an upload; the table stays for when there is no image to show.
  if (message.table && !message.image) {
    blocks.push({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: truncate('```\n' + escapeSlackPlain(textTable(message.table)) + '\n```', MAX.section),
      },
    });
  }
  for (const item of message.items) {
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: truncate(toSlackMrkdwn(item.text), MAX.section) } });
    const controls = [...item.buttons.map(slackButton), ...item.selects.map(slackSelect)];
    if (controls.length > 0) blocks.push({ type: 'actions', elements: controls.slice(0, MAX.actionsElements) });
  }
  if (message.context.length > 0) {
    const elements = message.context
      .slice(0, MAX.contextElements)
      .map((text) => ({ type: 'mrkdwn' as const, text: toSlackMrkdwn(text) }));
    blocks.push({ type: 'context', elements } satisfies ContextBlock);
  }
  const elements: ActionsBlock['elements'] = [...message.buttons.map(slackButton), ...message.selects.map(slackSelect)];
  for (let i = 0; i < elements.length; i += MAX.actionsElements) {
    blocks.push({ type: 'actions', elements: elements.slice(i, i + MAX.actionsElements) } satisfies ActionsBlock);
  }

  const text = [message.header, ...message.sections.slice(0, 1)]
    .filter(Boolean)
    .map((t) => toPlainText(t!))
    .join(': ');
  return {
    text: truncate(text || 'Porchlight', 3000),
    blocks,
    ephemeral: message.ephemeral,
    ...(message.image ? { image: message.image } : {}),
  };
}

function slackButton(b: ChatMessage['buttons'][number]): Button {
  const button: Button = {
    type: 'button',
    action_id: b.actionId,
    text: { type: 'plain_text', text: truncate(b.label, MAX.buttonText), emoji: true },
    value: b.value,
  };
  // Slack has no "default" style: leaving it out is how you ask for the plain button.
  if (b.style !== 'default') button.style = b.style;
  return button;
}

function slackSelect(s: ChatMessage['selects'][number]): StaticSelect | MultiStaticSelect | UsersSelect {
  const placeholder = { type: 'plain_text' as const, text: truncate(s.placeholder, 150), emoji: true };
  if (s.options.length === 0) return { type: 'users_select', action_id: s.actionId, placeholder };
  const options: PlainTextOption[] = s.options.map((o) => ({
    text: { type: 'plain_text', text: o.label, emoji: true },
    value: o.value,
    ...(o.description ? { description: { type: 'plain_text', text: truncate(o.description, 75) } } : {}),
  }));
  const picked = options.filter((_, i) => s.options[i].selected);
  if (s.maxValues) {
    return {
      type: 'multi_static_select',
      action_id: s.actionId,
      placeholder,
      options,
      max_selected_items: s.maxValues,
      ...(picked.length ? { initial_options: picked } : {}),
    };
  }
  return {
    type: 'static_select',
    action_id: s.actionId,
    placeholder,
    options,
    ...(picked.length ? { initial_option: picked[0] } : {}),
  };
}
