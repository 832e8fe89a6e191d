import { parseSettingValue } from '../../core/settings/parse-setting-value.ts';
import type { TenantSettings } from '../../core/settings/tenant-settings.ts';
import { updateTenantSettings } from '../../db/use-cases/settings/update-tenant-settings.ts';
import { chatMessage, noticeMessage, type ChatMessage } from '../message/chat-message.ts';
import { chatSettingsActor } from './away.ts';
import type { CommandContext } from './command-context.ts';

const show = (value: unknown) => (value === undefined ? '_not set_' : `\`${JSON.stringify(value)}\``);

/** The settings a manager tunes most, as dotted keys (each line shows how to change it). */
export function settingsThatMatter(s: TenantSettings): Array<[string, unknown]> {
  return [
    ['officeHours', s.officeHours],
    ['quietWindows', s.quietWindows],
    ['delivery.perHour', s.delivery.perHour],
    ['delivery.perDay', s.delivery.perDay],
    ['delivery.criticalBreaksQuietHours', s.delivery.criticalBreaksQuietHours],
    ['matching.threshold', s.matching.threshold],
    ['alerts.hotScore', s.alerts.hotScore],
    ['alerts.minPriceDropPct', s.alerts.minPriceDropPct],
    ['ai.enabled', s.ai.enabled],
    ['sms.approveDrafts', s.sms.approveDrafts],
    ['slackChannel', s.slackChannel],
  ];
}

/**
 * `/porchlight settings` shows them; `/porchlight settings set delivery.perHour 10` changes one
 * through the same audited use case as the CLI and REST (managers and admins only).
 */
export async function settingsCommand(
  ctx: CommandContext,
  command: { key?: string; value?: string },
): Promise<ChatMessage> {
  if (ctx.actor.role === 'agent') return noticeMessage('Team settings are for managers and admins.');
  if (command.key === undefined) {
    const lines = settingsThatMatter(ctx.tenant.settings).map(([key, value]) => `\`${key}\`: ${show(value)}`);
    return chatMessage({
      header: `Settings for ${ctx.tenant.name}`,
      sections: [lines.join('\n')],
      context: [
        'Change one with `/porchlight settings set <key> <value>`, e.g. `/porchlight settings set delivery.perHour 10`.',
      ],
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
  const read = (s: TenantSettings) =>
    command.key!.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)?.[k], s);
  return noticeMessage(`\`${command.key}\`: ${show(read(before))} → ${show(read(tenant.settings))}`);
}
