import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { AppError, isAppError } from '../../core/errors/app-error.ts';
import { parseSettingAssignment } from '../../core/settings/parse-setting-value.ts';
import { withRuntime } from '../with-runtime.ts';
import { each, existingFile, fromCore, id as tenantId } from '../parse-option.ts';

const out = (text: string) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);

/** A setting the operator got wrong is bad usage (exit 2), like a wrong flag. */
export async function asUsage<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (isAppError(error) && (error.code === 'validation_failed' || error.code === 'bad_request'))
      throw new AppError('bad_usage', error.message, error.details);
    throw error;
  }
}

/** `key=value`, its shape checked while parsing; whether the key exists is checked with the whole change. */
const assignment = fromCore((text: string) => {
  parseSettingAssignment(text);
  return text;
});

/** The credential is not a setting: it is sealed in the tenant's credentials, never stored in settings. */
const GHL_TOKEN = 'ghl.token';

async function changesFrom(assignments: string[], file: string | undefined) {
  if (file && assignments.length) throw new AppError('bad_usage', 'give key=value pairs or --file, not both');
  if (file) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new AppError('bad_usage', `cannot read ${file}: ${(error as Error).message}`);
    }
    try {
      return { replace: JSON.parse(text) as unknown };
    } catch {
      throw new AppError('bad_usage', `${file} is not JSON`);
    }
  }
  if (!assignments.length) throw new AppError('bad_usage', 'nothing to set: give key=value pairs or --file');
  const { setSettings } = await import('../../core/settings/set-setting.ts');
  try {
    const set = assignments.map(parseSettingAssignment);
    // Names and values are checked before the database opens: a typo answers at once, whatever is stored.
    setSettings({}, set);
    return { set };
  } catch (error) {
    throw isAppError(error) ? new AppError('bad_usage', error.message) : error;
  }
}

/** `tenant show|set|rotate-key`, under the `tenant` group. */
export function registerTenantSettingsCommands(tenant: Command): void {
  tenant
    .command('show')
    .description('Settings (defaults filled in) and what the team has set')
    .argument('<id>', 'tenant id', tenantId)
    .option('--json', 'print {"id","name","timezone","settings","stored"}')
    .action(async (id: string, opts: { json?: boolean }) => {
      const [{ getTenant }, { readTenantSettings }] = await Promise.all([
        import('../../db/queries/tenants.ts'),
        import('../../core/settings/read-tenant-settings.ts'),
      ]);
      await withRuntime(async (rt) => {
        const t = await getTenant(rt.db, id);
        if (!t) throw new AppError('not_found', `No tenant with id ${id} (see porchlight tenant list)`);
        const { problems } = readTenantSettings(t.storedSettings);
        const view = { id: t.id, name: t.name, timezone: t.timezone, settings: t.settings, stored: t.storedSettings };
        if (opts.json) return out(JSON.stringify({ ...view, ...(problems.length ? { ignored: problems } : {}) }));
        out(`${t.name} (${t.id}), ${t.timezone}`);
        out(`set by the team: ${JSON.stringify(t.storedSettings ?? {})}`);
        if (problems.length) out(`ignored (invalid, defaults apply): ${problems.join(', ')}`);
        out(JSON.stringify(t.settings, null, 2));
      });
    });

  tenant
    .command('set')
    .description('Change settings: key=value (JSON when it parses, else a string) or --file settings.json')
    .argument('<id>', 'tenant id', tenantId)
    .argument('[assignments...]', 'key=value pairs', each(assignment))
    .option('--file <settings.json>', 'replace every setting with this file', existingFile())
    .option('--json', 'print the settings after the change')
    .action(async (id: string, assignments: string[], opts: { file?: string; json?: boolean }) => {
      const token = assignments.filter((a) => a.startsWith(`${GHL_TOKEN}=`));
      const rest = assignments.filter((a) => !a.startsWith(`${GHL_TOKEN}=`));
      const change = rest.length || opts.file || !token.length ? await changesFrom(rest, opts.file) : undefined;
      const [{ secretKeys }, { getTenant }, { setTenantGhlToken }, { updateTenantSettings }] = await Promise.all([
        import('../../core/config/load-env.ts'),
        import('../../db/queries/tenants.ts'),
        import('../../db/use-cases/ghl/set-tenant-ghl-token.ts'),
        import('../../db/use-cases/settings/update-tenant-settings.ts'),
      ]);
      await withRuntime(async (rt) => {
        const actor = { kind: 'cli' } as const;
        const stored = token.length
          ? await setTenantGhlToken(
              { db: rt.db, clock: rt.clock, secrets: secretKeys(rt.env) },
              id,
              token[token.length - 1].slice(GHL_TOKEN.length + 1) || null,
            )
          : undefined;
        const t = change
          ? await asUsage(() => updateTenantSettings(rt, { tenantId: id, actor, change }))
          : await getTenant(rt.db, id);
        if (!t) throw new AppError('not_found', `No tenant with id ${id}`);
        const ghl = stored ? { ghlToken: stored.ghlToken } : {};
        if (opts.json) return out(JSON.stringify({ id: t.id, settings: t.settings, stored: t.storedSettings, ...ghl }));
        if (stored) out(`ghl.token ${stored.ghlToken ? `stored sealed (${stored.ghlToken})` : 'removed'}`);
        if (change) out(`settings of ${t.name} updated: ${JSON.stringify(t.storedSettings)}`);
      });
    });

  tenant
    .command('rotate-key')
    .description('Issue a new team API key (shown once); the old one stops working')
    .argument('<id>', 'tenant id', tenantId)
    .option('--json', 'print {"id","apiKey"}')
    .action(async (id: string, opts: { json?: boolean }) => {
      const { rotateTenantKey } = await import('../../db/use-cases/settings/rotate-tenant-key.ts');
      await withRuntime(async (rt) => {
        const { apiKey } = await rotateTenantKey(rt, { tenantId: id, actor: { kind: 'cli' } });
        out(
          opts.json
            ? JSON.stringify({ id, apiKey })
            : `new API key: ${apiKey}  (shown once; the old key no longer works)`,
        );
      });
    });
}
