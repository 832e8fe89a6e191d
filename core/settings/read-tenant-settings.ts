import { TenantSettings } from './tenant-settings.ts';

type Plain = Record<string, unknown>;
const isPlain = (value: unknown): value is Plain =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Removes the smallest part of `raw` an issue points at: one entry of a map or one key of an area
 * (so one stale `ghlFieldMap` entry does not cost the team its other mappings), else the whole area.
 * Returns the dotted names it removed.
 */
function dropOffending(raw: Plain, path: PropertyKey[], unknownKeys: string[]): string[] {
  const [area, entry] = path.map(String);
  if (area === undefined) {
    for (const key of unknownKeys) delete raw[key];
    return unknownKeys.filter(Boolean);
  }
  const container = raw[area];
  if (isPlain(container)) {
    const keys = entry !== undefined ? [entry] : unknownKeys;
    const present = keys.filter((key) => Object.hasOwn(container, key));
    if (present.length > 0) {
      const copy = { ...container };
      for (const key of present) delete copy[key];
      raw[area] = copy;
      return present.map((key) => `${area}.${key}`);
    }
  }
  if (!Object.hasOwn(raw, area)) return [];
  delete raw[area];
  return [area];
}

/**
 * The typed settings of a tenant as loaded from the database. Writes are validated strictly, so
 * this only meets a bad key in a row written before the schema knew better (or by hand): the
 * offending entry or key falls back to its default rather than stopping every job for the tenant.
 * `problems` names what was dropped (dotted), for a log line or `tenant show`.
 */
export function readTenantSettings(stored: unknown): { settings: TenantSettings; problems: string[] } {
  const raw: Plain = isPlain(stored) ? { ...stored } : {};
  const problems: string[] = [];
  for (let attempt = 0; attempt < 50; attempt++) {
    const parsed = TenantSettings.safeParse(raw);
    if (parsed.success) return { settings: parsed.data, problems };
    const dropped = parsed.error.issues.flatMap((issue) =>
      dropOffending(raw, issue.path, issue.code === 'unrecognized_keys' ? issue.keys : []),
    );
    if (dropped.length === 0) break;
    problems.push(...dropped);
  }
  return { settings: TenantSettings.parse({}), problems: [...problems, '(all settings: unreadable)'] };
}

/** The tenant's typed settings (see readTenantSettings). */
export const tenantSettingsOf = (stored: unknown): TenantSettings => readTenantSettings(stored).settings;
