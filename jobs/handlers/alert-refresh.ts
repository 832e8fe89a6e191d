import { defineHandler } from '../handler.ts';
import { getTenant } from '../../db/queries/tenants.ts';
import { deliveriesForAlert } from '../../db/queries/deliveries/get-delivery.ts';
import { getAlert } from '../../db/queries/alerts/get-alert.ts';
import { loadAlertView } from '../../bots/deliveries/load-alert-view.ts';
import { channelNamed } from '../../bots/deliveries/reachable-channels.ts';

/**
 * Re-renders every posted copy of an alert after someone acted, so the whole team sees who has
 * it. One copy failing (deleted message, revoked DM) must not stop the others; the job fails at
 * the end so pg-boss retries, and re-rendering a copy twice is harmless.
 */
export default defineHandler('alert.refresh', async (data, { runtime }) => {
  const tenant = await getTenant(runtime.db, data.tenantId);
  if (!tenant) return;
  const alert = await getAlert(runtime.db, tenant.id, data.alertId);
  if (!alert) return;
  // The same loader alert.deliver used, so a refreshed card reads exactly like the first one.
  const view = await loadAlertView(runtime.db, tenant, alert);
  const copies = (await deliveriesForAlert(runtime.db, tenant.id, data.alertId)).filter(
    (d) => d.ref && d.recipientKind !== 'lead',
  );
  const failures: string[] = [];
  for (const copy of copies) {
    const channel = channelNamed(runtime, copy.channel);
    if (!channel?.updateAlert) continue;
    try {
      await channel.updateAlert(runtime, tenant, copy.ref!, view);
    } catch (error) {
      failures.push(`${copy.channel}: ${(error as Error).message}`);
    }
  }
  if (failures.length)
    throw new Error(`could not update ${failures.length} of ${copies.length} alert copies: ${failures.join('; ')}`);
});
