import { parseSettingValue } from '../../../core/settings/parse-setting-value.ts';
import type { TenantSettings, TenantSettingsInput } from '../../../core/settings/tenant-settings.ts';

/** How a form shows a setting: Slack picks its input element by kind; Discord and text take JSON for all. */
export type SettingKind = 'integer' | 'number' | 'boolean' | 'json' | 'channel';

export interface SettingField {
  /** Dotted key, as `/porchlight settings set <key>` and `tenant set` take it; also the form field id. */
  key: string;
  /** What a manager reads next to the input (Discord caps labels at 45 characters). */
  label: string;
  kind: SettingKind;
}

/** The settings a manager tunes most, in the order every door shows them. */
export const SETTING_FIELDS: readonly SettingField[] = [
  { key: 'officeHours', label: 'Office hours (JSON; empty = always open)', kind: 'json' },
  { key: 'quietWindows', label: 'Quiet windows for texts (JSON)', kind: 'json' },
  { key: 'delivery.perHour', label: 'Alerts per agent per hour', kind: 'integer' },
  { key: 'delivery.perDay', label: 'Alerts per agent per day', kind: 'integer' },
  { key: 'delivery.criticalBreaksQuietHours', label: 'Critical alerts break quiet hours', kind: 'boolean' },
  { key: 'matching.threshold', label: 'Match threshold (0-100)', kind: 'number' },
  { key: 'matching.instantPerDay', label: 'Instant listing texts per lead per day', kind: 'integer' },
  { key: 'alerts.hotScore', label: 'Hot lead score (0-100)', kind: 'number' },
  { key: 'alerts.staleAfterDays', label: 'Stale after days without contact', kind: 'number' },
  { key: 'alerts.minPriceDropPct', label: 'Smallest price drop alerted (%)', kind: 'number' },
  { key: 'ai.enabled', label: 'AI features', kind: 'boolean' },
  { key: 'sms.approveDrafts', label: 'Approve text drafts before sending', kind: 'boolean' },
  { key: 'slackChannel', label: 'Team Slack channel', kind: 'channel' },
  { key: 'reports.channel', label: "Managers' channel for the weekly report", kind: 'channel' },
  { key: 'reports.weekly', label: 'Weekly report, Monday 08:00', kind: 'boolean' },
];

export const settingField = (key: string): SettingField | undefined => SETTING_FIELDS.find((f) => f.key === key);

/** The value at a dotted key, from parsed settings or from what is stored. */
export function readSetting(settings: TenantSettings | TenantSettingsInput, key: string): unknown {
  return key
    .split('.')
    .reduce<unknown>((node, step) => (node as Record<string, unknown> | undefined)?.[step], settings);
}

/** A value as chat shows it: code-formatted JSON, or _not set_. */
export const showSetting = (value: unknown): string =>
  value === undefined ? '_not set_' : `\`${JSON.stringify(value)}\``;

/** One changed setting as every door confirms it: `` `delivery.perHour`: `10` → `12` ``. */
export function beforeAfter(key: string, before: TenantSettings, after: TenantSettings): string {
  return `\`${key}\`: ${showSetting(readSetting(before, key))} → ${showSetting(readSetting(after, key))}`;
}

/**
 * The text a form input is prefilled with: JSON, except a channel, which is typed bare (`C0123` or `#alerts`).
 * `parseFormText` reads it back, so an untouched field parses to the value it showed.
 */
export function formText(field: SettingField, value: unknown): string {
  if (value === undefined) return '';
  return field.kind === 'channel' && typeof value === 'string' ? value : JSON.stringify(value);
}

/** `null` for an emptied field: the stored value is removed and the default applies again. */
export function parseFormText(field: SettingField, text: string | null | undefined): unknown {
  const trimmed = text?.trim() ?? '';
  if (!trimmed) return null;
  return field.kind === 'channel' ? trimmed : parseSettingValue(trimmed);
}

export const MANAGERS_ONLY = 'Team settings are for managers and admins.';

/** Slack's "Edit settings" button (opens the modal) and Discord's setting picker (opens a one-field modal). */
export const SETTINGS_EDIT_ACTION = 'settings:edit';
export const SETTINGS_PICK_ACTION = 'settings:pick';
