import { AppError } from '../../../core/errors/app-error.ts';
import { actorName, assertMayChangeTeamSettings, type SettingsActor } from '../../../core/settings/settings-actor.ts';
import { mergeSettings, setSettings, validateTenantSettings } from '../../../core/settings/set-setting.ts';
import type { Clock } from '../../../core/time/clock.ts';
import type { Executor } from '../../client.ts';
import { recordAudit } from '../../queries/audit.ts';
import { lockTenant, saveTenantSettings } from '../../queries/settings.ts';
import type { Tenant } from '../../queries/tenants.ts';

/** One change: dotted assignments (`tenant set`, chat), a deep-merge patch (REST PATCH) or a whole file. */
export type SettingsChange =
  | { set: ReadonlyArray<{ key: string; value: unknown }> }
  | { patch: Record<string, unknown> }
  | { replace: unknown };

/**
 * The one way a team's settings change, from the CLI, REST or chat: permission first, then the
 * whole result is validated (a misspelled key fails naming it), saved, and audited with what it
 * was before and after, in one transaction.
 * @example await updateTenantSettings({ db, clock }, { tenantId, actor: { kind: 'cli' }, change: { set: [{ key: 'delivery.perHour', value: 5 }] } })
 */
export async function updateTenantSettings(
  deps: { db: Executor; clock: Clock },
  input: { tenantId: string; actor: SettingsActor; change: SettingsChange },
): Promise<Tenant> {
  assertMayChangeTeamSettings(input.actor);
  return deps.db.transaction(async (tx) => {
    const tenant = await lockTenant(tx, input.tenantId);
    if (!tenant) throw new AppError('not_found', `No tenant ${input.tenantId}`);
    const before = tenant.storedSettings ?? {};
    const change = input.change;
    const after =
      'set' in change
        ? setSettings(before, change.set)
        : 'patch' in change
          ? mergeSettings(before, change.patch)
          : validateTenantSettings(change.replace);
    const saved = await saveTenantSettings(tx, tenant.id, after, deps.clock.now());
    await recordAudit(tx, {
      tenantId: tenant.id,
      entity: 'tenant',
      entityId: tenant.id,
      action: 'settings_changed',
      actor: actorName(input.actor),
      data: { before, after, ...('set' in change ? { keys: change.set.map((c) => c.key) } : {}) },
    });
    return saved;
  });
}
