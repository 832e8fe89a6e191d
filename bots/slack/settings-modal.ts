import type { InputBlock, View } from '@slack/types';
import type { TenantSettings } from '../../core/settings/tenant-settings.ts';
import { SETTING_FIELDS, formText, readSetting, type SettingField } from '../commands/settings/setting-fields.ts';

export const SETTINGS_MODAL_ID = 'porchlight_settings_modal';

/** Where the confirmation goes once the modal is saved: the button's message came with both. */
export interface SettingsModalMeta {
  channelId?: string;
  responseUrl?: string;
}

const plain = (text: string) => ({ type: 'plain_text' as const, text });
// A channel id can prefill Slack's picker; a name like `#alerts` can only be shown as text.
const CHANNEL_ID = /^[CG][A-Z0-9]{2,}$/;

/**
 * The team settings form: one input per setting that matters, prefilled with the value in force. Each input's
 * `block_id` is the setting key, so a `response_action: "errors"` answer lands under the field it names.
 */
export function settingsModal(settings: TenantSettings, meta: SettingsModalMeta): View {
  return {
    type: 'modal',
    callback_id: SETTINGS_MODAL_ID,
    private_metadata: JSON.stringify(meta),
    title: plain('Team settings'),
    submit: plain('Save'),
    close: plain('Cancel'),
    blocks: SETTING_FIELDS.map((field) => settingInput(field, readSetting(settings, field.key))),
  };
}

function settingInput(field: SettingField, value: unknown): InputBlock {
  const text = formText(field, value);
  const block = { type: 'input' as const, block_id: field.key, label: plain(field.label), hint: plain(field.key) };
  switch (field.kind) {
    case 'integer':
    case 'number':
      return {
        ...block,
        element: {
          type: 'number_input',
          action_id: 'value',
          is_decimal_allowed: field.kind === 'number',
          ...(text ? { initial_value: text } : {}),
        },
      };
    case 'boolean': {
      const options = [
        { text: plain('On'), value: 'true' },
        { text: plain('Off'), value: 'false' },
      ];
      return {
        ...block,
        element: {
          type: 'radio_buttons',
          action_id: 'value',
          options,
          initial_option: value === true ? options[0] : options[1],
        },
      };
    }
    case 'channel':
      if (value === undefined || CHANNEL_ID.test(text))
        return {
          ...block,
          optional: true,
          element: {
            type: 'conversations_select',
            action_id: 'value',
            placeholder: plain('Pick a channel'),
            filter: { include: ['public', 'private'], exclude_bot_users: true },
            ...(text ? { initial_conversation: text } : {}),
          },
        };
      return { ...block, optional: true, element: textInput(text, false) };
    case 'json':
      return { ...block, optional: true, element: textInput(text, true) };
  }
}

const textInput = (text: string, multiline: boolean) => ({
  type: 'plain_text_input' as const,
  action_id: 'value',
  multiline,
  ...(text ? { initial_value: text } : {}),
});

/** One submitted element, as Slack reports it in `view.state.values[block_id][action_id]`. */
interface SubmittedElement {
  type: string;
  value?: string | null;
  selected_option?: { value: string } | null;
  selected_conversation?: string | null;
  selected_channel?: string | null;
}

/** The submitted text per setting key (`null` for a cleared field), whatever element carried it. */
export function settingsModalTexts(
  values: Record<string, Record<string, SubmittedElement>>,
): Record<string, string | null> {
  const texts: Record<string, string | null> = {};
  for (const field of SETTING_FIELDS) {
    const element = values[field.key]?.value;
    if (!element) continue;
    texts[field.key] =
      element.value ??
      element.selected_option?.value ??
      element.selected_conversation ??
      element.selected_channel ??
      null;
  }
  return texts;
}

/** What replaces the form when the submitter may not change team settings: said plainly, nothing to retry. */
export function settingsRefusedView(message: string): View {
  return {
    type: 'modal',
    title: plain('Team settings'),
    close: plain('Close'),
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: message } }],
  };
}
