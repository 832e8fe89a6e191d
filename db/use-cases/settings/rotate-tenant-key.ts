import { AppError } from '../../../core/errors/app-error.ts';
import { actorName, assertMayChangeTeamSettings, type SettingsActor } from '../../../core/settings/settings-actor.ts';
import { generateApiKey, hashApiKey } from '../../../core/tenants/api-key.ts';
import type { Clock } from '../../../core/time/clock.ts';
import type { Executor } from '../../client.ts';
import { recordAudit } from '../../queries/audit.ts';
import { lockTenant, saveTenantApiKeyHash } from '../../queries/settings.ts';

/** A new team API key, returned once; the old one stops working when this commits. */
export async function rotateTenantKey(
  deps: { db: Executor; clock: Clock },
  input: { tenantId: string; actor: SettingsActor },
): Promise<{ apiKey: string }> {
  assertMayChangeTeamSettings(input.actor);
  return deps.db.transaction(async (tx) => {
    const tenant = await lockTenant(tx, input.tenantId);
    if (!tenant) throw new AppError('not_found', `No tenant ${input.tenantId}`);
    const apiKey = generateApiKey();
    await saveTenantApiKeyHash(tx, tenant.id, hashApiKey(apiKey), deps.clock.now());
    // The key itself never reaches the audit trail or a log.
    await recordAudit(tx, {
      tenantId: tenant.id,
      entity: 'tenant',
      entityId: tenant.id,
      action: 'api_key_rotated',
      actor: actorName(input.actor),
    });
    return { apiKey };
  });
}
