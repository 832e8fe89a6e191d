import { listTenants } from '../../db/queries/tenants.ts';
import { defineHandler } from '../handler.ts';
import { reconcileGhlContacts } from '../shared/reconcile-ghl-contacts.ts';
import { LANE_PRIORITY } from '../../core/inbound/job-lane.ts';

/**
 * Nightly repair (cron in jobs/catalogue.ts): GHL does not guarantee webhook delivery, so every
 * tenant's contacts are compared with ours from the last finished run on. The cron run only fans
 * out one job per tenant (singleton per tenant), so a slow or failing tenant retries and
 * dead-letters on its own, and no run outlives its job's expiry by reconciling everyone at once.
 */
export default defineHandler('ghl.reconcile', async (data, { runtime }) => {
  if (!data.tenantId) {
    for (const tenant of await listTenants(runtime.db)) {
      await runtime.queue.enqueue(
        'ghl.reconcile',
        { tenantId: tenant.id },
        { singletonKey: `reconcile:${tenant.id}`, singletonSeconds: 3600, priority: LANE_PRIORITY.bulk },
      );
    }
    return;
  }
  await reconcileGhlContacts(runtime, data.tenantId);
});
