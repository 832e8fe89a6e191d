import { TenantSettings, type TenantSettingsInput } from './tenant-settings.ts';
import { settingsError } from './settings-error.ts';
import { AppError } from '../errors/app-error.ts';

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Checks a whole stored settings object, throwing one error that names every bad key. */
export function validateTenantSettings(stored: unknown): TenantSettingsInput {
  const parsed = TenantSettings.safeParse(stored);
  if (!parsed.success) throw settingsError(TenantSettings, parsed.error);
  return stored as TenantSettingsInput;
}

/**
 * The stored settings with one dotted key set (`null` removes it, so the default applies again);
 * the whole result is validated, so `alerts.hotScroe` fails naming the key it probably meant.
 * @example setSetting(tenant.storedSettings, 'delivery.perHour', 10)
 */
export function setSetting(stored: TenantSettingsInput, key: string, value: unknown): TenantSettingsInput {
  return setSettings(stored, [{ key, value }]);
}

/** Several assignments at once, validated together (the CLI's `tenant set a=1 b=2`). */
export function setSettings(
  stored: TenantSettingsInput,
  changes: ReadonlyArray<{ key: string; value: unknown }>,
): TenantSettingsInput {
  let next = structuredClone(stored ?? {}) as Record<string, unknown>;
  for (const { key, value } of changes) next = assign(next, key, value);
  return validateTenantSettings(next);
}

function assign(stored: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const path = key.split('.');
  if (path.some((p) => !p)) throw new AppError('bad_request', `"${key}" is not a setting name`);
  let node = stored;
  for (const step of path.slice(0, -1)) {
    if (!isPlainObject(node[step])) node[step] = {};
    node = node[step] as Record<string, unknown>;
  }
  const last = path[path.length - 1];
  if (value === null) delete node[last];
  else node[last] = value;
  return stored;
}

/** Deep merge for PATCH: objects merge, anything else (arrays included) replaces; null removes. */
export function mergeSettings(stored: TenantSettingsInput, patch: Record<string, unknown>): TenantSettingsInput {
  const merge = (base: Record<string, unknown>, over: Record<string, unknown>) => {
    const out: Record<string, unknown> = { ...base };
    for (const [k, v] of Object.entries(over)) {
      if (v === null) delete out[k];
      else if (isPlainObject(v) && isPlainObject(out[k])) out[k] = merge(out[k] as Record<string, unknown>, v);
      else out[k] = v;
    }
    return out;
  };
  return validateTenantSettings(merge(structuredClone(stored ?? {}) as Record<string, unknown>, patch));
}
