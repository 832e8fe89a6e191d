import { TenantSettings } from '../../../core/settings/tenant-settings.ts';
import type { Clock } from '../../../core/time/clock.ts';
import type { Db } from '../../client.ts';
import { pruneDeliveryPayloads, pruneInboundBodies } from '../../queries/retention/prune-payloads.ts';
import { listTenants } from '../../queries/tenants.ts';

const DAY_MS = 86_400_000;

export interface PruneResult {
  inboundBodies: number;
  deliveryPayloads: number;
}

/**
 * Retention (`retention` in the team's settings): blanks raw webhook bodies and delivery payloads older than
 * the team's windows, keeping every row. Webhooks that reached no team follow the default windows. Run by
 * the `maintenance` job; each team's pruning commits on its own, so one bad team does not hold up the rest.
 * @example await pruneExpiredPayloads(runtime) // { inboundBodies: 12, deliveryPayloads: 3 }
 */
export async function pruneExpiredPayloads(deps: { db: Db; clock: Clock }): Promise<PruneResult> {
  const now = deps.clock.now().getTime();
  const before = (days: number) => new Date(now - days * DAY_MS);
  const result: PruneResult = { inboundBodies: 0, deliveryPayloads: 0 };
  for (const tenant of await listTenants(deps.db)) {
    const { rawBodiesDays, deliveryPayloadsDays } = tenant.settings.retention;
    await deps.db.transaction(async (tx) => {
      result.inboundBodies += await pruneInboundBodies(tx, { tenantId: tenant.id, before: before(rawBodiesDays) });
      result.deliveryPayloads += await pruneDeliveryPayloads(tx, {
        tenantId: tenant.id,
        before: before(deliveryPayloadsDays),
      });
    });
  }
  const defaults = TenantSettings.parse({}).retention;
  result.inboundBodies += await pruneInboundBodies(deps.db, { tenantId: null, before: before(defaults.rawBodiesDays) });
  return result;
}
