import { parseSettingValue } from '../../core/settings/parse-setting-value.ts';
import type { TenantSettings } from '../../core/settings/tenant-settings.ts';
import { updateTenantSettings } from '../../db/use-cases/settings/update-tenant-settings.ts';
import { chatMessage, noticeMessage, type ChatMessage, type ChatMessageInput } from '../message/chat-message.ts';
import { chatSettingsActor } from './away.ts';
import type { CommandContext } from './command-context.ts';
import {
  MANAGERS_ONLY,
  SETTING_FIELDS,
  SETTINGS_EDIT_ACTION,
  SETTINGS_PICK_ACTION,
  beforeAfter,
  readSetting,
  showSetting,
} from './settings/setting-fields.ts';

/** The settings a manager tunes most, as dotted keys (each line shows how to change it). */
export function settingsThatMatter(s: TenantSettings): Array<[string, unknown]> {
  return SETTING_FIELDS.map((f) => [f.key, readSetting(s, f.key)]);
}

/**
 * `/porchlight settings` shows them; `/porchlight settings set delivery.perHour 10` changes one
 * through the same audited use case as the CLI and REST (managers and admins only). Slack adds an
 * "Edit settings" button (a modal with every field), Discord a menu of the settings (a modal per
 * setting); the terminal keeps the typed command.
 */
export async function settingsCommand(
  ctx: CommandContext,
  command: { key?: string; value?: string },
): Promise<ChatMessage> {
  if (ctx.actor.role === 'agent') return noticeMessage(MANAGERS_ONLY);
  if (command.key === undefined) {
    const current = settingsThatMatter(ctx.tenant.settings);
    return chatMessage({
      header: `Settings for ${ctx.tenant.name}`,
      sections: [current.map(([key, value]) => `\`${key}\`: ${showSetting(value)}`).join('\n')],
      context: [
        'Change one with `/porchlight settings set <key> <value>`, ' +
          'e.g. `/porchlight settings set delivery.perHour 10`.',
      ],
      ...formControls(ctx, current),
      ephemeral: true,
    });
  }
  const value = parseSettingValue(command.value ?? '');
  const before = ctx.tenant.settings;
  const tenant = await updateTenantSettings(ctx.runtime, {
    tenantId: ctx.tenant.id,
    actor: chatSettingsActor(ctx),
    change: { set: [{ key: command.key, value }] },
  });
  return noticeMessage(beforeAfter(command.key, before, tenant.settings));
}

function formControls(ctx: CommandContext, current: Array<[string, unknown]>): Partial<ChatMessageInput> {
  if (ctx.platform === 'slack')
    return { buttons: [{ actionId: SETTINGS_EDIT_ACTION, label: 'Edit settings', value: 'edit', style: 'primary' }] };
  if (ctx.platform === 'discord')
    return {
      selects: [
        {
          actionId: SETTINGS_PICK_ACTION,
          placeholder: 'Change a setting ▾',
          options: current.map(([key, value]) => ({
            label: key,
            value: key,
            description: clip(value === undefined ? 'not set' : JSON.stringify(value), 100),
          })),
        },
      ],
    };
  return {};
}

const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);
