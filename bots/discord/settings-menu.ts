import {
  ComponentType,
  InteractionResponseType,
  TextInputStyle,
  type APIInteractionResponse,
  type APIModalSubmissionComponent,
} from 'discord-api-types/v10';
import { agentByChatUser } from '../../db/queries/agents/chat-links.ts';
import type { Tenant } from '../../db/queries/tenants.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { saveSettingsForm } from '../commands/settings/save-settings-form.ts';
import { MANAGERS_ONLY, formText, readSetting, settingField } from '../commands/settings/setting-fields.ts';
import { noticeMessage, type ChatMessage } from '../message/chat-message.ts';
import { renderDiscord } from '../render/render-discord.ts';
import { truncate } from '../render/markdown.ts';

/** The modal's custom_id carries the setting it changes: Discord hands back nothing else on submit. */
const MODAL_PREFIX = 'settings:set:';
const INPUT_ID = 'value';

export const isSettingsModal = (customId: string | undefined): boolean => !!customId?.startsWith(MODAL_PREFIX);

/**
 * A manager picked a setting from the `/porchlight settings` menu: the answer must be the modal itself
 * (type 9; a modal cannot follow a deferral), so this is one agent read on top of the team the route has.
 */
export async function settingsPickResponse(
  runtime: Runtime,
  tenant: Tenant,
  userId: string,
  values: string[] | undefined,
): Promise<APIInteractionResponse> {
  const field = settingField(values?.[0] ?? '');
  if (!field)
    return ephemeral(noticeMessage('That setting is no longer in the menu; run `/porchlight settings` again.'));
  const picker = await agentByChatUser(runtime.db, tenant.id, 'discord', userId);
  if (picker?.role !== 'manager' && picker?.role !== 'admin') return ephemeral(noticeMessage(MANAGERS_ONLY));
  const text = formText(field, readSetting(tenant.settings, field.key));
  return {
    type: InteractionResponseType.Modal,
    data: {
      custom_id: `${MODAL_PREFIX}${field.key}`,
      title: truncate(`Change ${field.key}`, 45),
      components: [
        {
          type: ComponentType.Label,
          label: truncate(field.label, 45),
          description: field.kind === 'json' || field.kind === 'channel' ? 'Leave empty for the default' : undefined,
          component: {
            type: ComponentType.TextInput,
            custom_id: INPUT_ID,
            style: field.kind === 'json' ? TextInputStyle.Paragraph : TextInputStyle.Short,
            required: false,
            max_length: 4000,
            ...(text ? { value: text } : {}),
          },
        },
      ],
    },
  };
}

/**
 * The one-field modal submitted: saved through the same audited path as Slack's form, answered privately
 * with `key: before → after`, or with the settings parser's reason and nothing saved.
 */
export async function settingsModalResponse(
  runtime: Runtime,
  tenant: Tenant,
  userId: string,
  data: { custom_id?: string; components?: APIModalSubmissionComponent[] },
): Promise<APIInteractionResponse> {
  const key = (data.custom_id ?? '').slice(MODAL_PREFIX.length);
  if (!settingField(key))
    return ephemeral(noticeMessage('That form is from an older version of Porchlight; run `/porchlight settings`.'));
  const outcome = await saveSettingsForm(runtime, {
    tenant,
    platform: 'discord',
    platformUserId: userId,
    texts: { [key]: submittedText(data.components ?? []) },
  });
  if (outcome.status === 'refused') return ephemeral(noticeMessage(outcome.message));
  if (outcome.status === 'invalid')
    return ephemeral(noticeMessage(`Not saved. ${Object.values(outcome.errors).join('; ')}`, { tone: 'high' }));
  return ephemeral(outcome.reply);
}

/** The text input's value, whether it came wrapped in a Label (current modals) or an action row (older ones). */
function submittedText(components: APIModalSubmissionComponent[]): string | null {
  for (const c of components) {
    const inputs =
      c.type === ComponentType.ActionRow ? c.components : c.type === ComponentType.Label ? [c.component] : [];
    for (const input of inputs)
      if (input.type === ComponentType.TextInput && input.custom_id === INPUT_ID) return input.value;
  }
  return null;
}

function ephemeral(message: ChatMessage): APIInteractionResponse {
  const { embeds, components } = renderDiscord({ ...message, ephemeral: true });
  return { type: InteractionResponseType.ChannelMessageWithSource, data: { embeds, components, flags: 64 } };
}
