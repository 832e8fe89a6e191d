import { TenantSettings } from './tenant-settings.ts';

/**
 * The typed settings of a tenant as loaded from the database. Writes are validated strictly, so
 * this only meets a bad key in a row written before the schema knew better (or by hand): that
 * top-level area falls back to its defaults rather than stopping every job for the tenant.
 * `problems` says which areas were dropped, for a log line or `tenant show`.
 */
export function readTenantSettings(stored: unknown): { settings: TenantSettings; problems: string[] } {
  const raw: Record<string, unknown> =
    typeof stored === 'object' && stored !== null && !Array.isArray(stored) ? { ...stored } : {};
  const problems: string[] = [];
  for (let attempt = 0; attempt < 50; attempt++) {
    const parsed = TenantSettings.safeParse(raw);
    if (parsed.success) return { settings: parsed.data, problems };
    for (const issue of parsed.error.issues) {
      const keys = issue.path.length ? [String(issue.path[0])] : issue.code === 'unrecognized_keys' ? issue.keys : [];
      for (const key of keys) {
        if (key in raw) problems.push(key);
        delete raw[key];
      }
    }
  }
  return { settings: TenantSettings.parse({}), problems };
}

/** The tenant's typed settings (see readTenantSettings). */
export const tenantSettingsOf = (stored: unknown): TenantSettings => readTenantSettings(stored).settings;
