import { isAppError } from '../../../core/errors/app-error.ts';
import { setSettings } from '../../../core/settings/set-setting.ts';
import { agentByChatUser } from '../../../db/queries/agents/chat-links.ts';
import type { Tenant } from '../../../db/queries/tenants.ts';
import { updateTenantSettings } from '../../../db/use-cases/settings/update-tenant-settings.ts';
import type { Runtime } from '../../../jobs/runtime.ts';
import { chatMessage, noticeMessage, type ChatMessage } from '../../message/chat-message.ts';
import { MANAGERS_ONLY, beforeAfter, parseFormText, readSetting, settingField } from './setting-fields.ts';

/** What a submitted settings form came to; `errors` is keyed by setting key (the form field id). */
export type SettingsFormOutcome =
  | { status: 'refused'; message: string }
  | { status: 'invalid'; errors: Record<string, string> }
  | { status: 'saved'; keys: string[]; reply: ChatMessage };

export interface SettingsFormInput {
  tenant: Tenant;
  platform: 'slack' | 'discord';
  platformUserId: string;
  /** Field text per setting key, as typed or picked; `null` or empty for a cleared field. */
  texts: Record<string, string | null | undefined>;
}

/**
 * A settings form (Slack modal, Discord modal) submitted: the submitter's role is checked again (showing the
 * form was no permission), only the fields that differ from the current value are applied, and they go through
 * `updateTenantSettings` as one audited change. Each bad field is named with the settings parser's own message.
 */
export async function saveSettingsForm(runtime: Runtime, input: SettingsFormInput): Promise<SettingsFormOutcome> {
  const { tenant } = input;
  const actor = await agentByChatUser(runtime.db, tenant.id, input.platform, input.platformUserId);
  if (!actor) return { status: 'refused', message: 'Link your account first: `/porchlight link you@yourteam.com`.' };
  if (actor.role === 'agent') return { status: 'refused', message: MANAGERS_ONLY };

  const { changes, errors } = changedSettings(tenant, input.texts);
  if (Object.keys(errors).length > 0) return { status: 'invalid', errors };
  if (changes.length === 0) return { status: 'saved', keys: [], reply: noticeMessage('Nothing changed.') };
  try {
    const saved = await updateTenantSettings(runtime, {
      tenantId: tenant.id,
      actor: { kind: 'agent', id: actor.id, role: actor.role },
      change: { set: changes },
    });
    const lines = changes.map(({ key }) => beforeAfter(key, tenant.settings, saved.settings));
    return {
      status: 'saved',
      keys: changes.map((c) => c.key),
      reply: chatMessage({ header: 'Settings saved', sections: [lines.join('\n')], ephemeral: true, tone: 'success' }),
    };
  } catch (error) {
    // Fields valid one by one can still clash, or the team changed meanwhile: name the first changed field.
    if (isAppError(error) && error.status < 500)
      return { status: 'invalid', errors: { [changes[0].key]: error.message } };
    throw error;
  }
}

/**
 * The fields whose value differs from the current one, each checked alone against what is stored, so an error
 * lands on the field that caused it. An emptied field removes the stored value (the default applies again).
 */
export function changedSettings(
  tenant: Pick<Tenant, 'settings' | 'storedSettings'>,
  texts: Record<string, string | null | undefined>,
): { changes: Array<{ key: string; value: unknown }>; errors: Record<string, string> } {
  const changes: Array<{ key: string; value: unknown }> = [];
  const errors: Record<string, string> = {};
  for (const [key, text] of Object.entries(texts)) {
    const field = settingField(key);
    if (!field) continue; // a field from a form we no longer show: ignore rather than guess
    const value = parseFormText(field, text);
    const unchanged =
      value === null
        ? readSetting(tenant.storedSettings ?? {}, key) === undefined
        : JSON.stringify(value) === JSON.stringify(readSetting(tenant.settings, key));
    if (unchanged) continue;
    try {
      setSettings(tenant.storedSettings ?? {}, [{ key, value }]);
      changes.push({ key, value });
    } catch (error) {
      if (!isAppError(error)) throw error;
      errors[key] = error.message;
    }
  }
  return { changes, errors };
}
