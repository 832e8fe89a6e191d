import { listTenants } from '../../db/queries/tenants.ts';
import { AppError } from '../../core/errors/app-error.ts';
import { defineHandler } from '../handler.ts';
import { reconcileGhlContacts } from '../shared/reconcile-ghl-contacts.ts';

/**
 * Nightly repair (cron in jobs/registry.ts): GHL does not guarantee webhook delivery, so every
 * tenant's contacts are compared with ours from the last finished run on. Tenants without GHL are
 * skipped; one tenant failing does not stop the others, but fails the job so it is retried and,
 * if it keeps failing, shows in the dead-letter queue naming the tenants.
 */
export default defineHandler('ghl.reconcile', async (data, { runtime }) => {
  const tenantIds = data.tenantId ? [data.tenantId] : (await listTenants(runtime.db)).map((t) => t.id);
  const failed: string[] = [];
  for (const tenantId of tenantIds) {
    try {
      await reconcileGhlContacts(runtime, tenantId);
    } catch (error) {
      failed.push(`${tenantId}: ${(error as Error).message}`);
      runtime.logger.warn({ err: error, tenantId }, 'GHL reconcile failed for tenant');
    }
  }
  if (failed.length) throw new AppError('unavailable', `GHL reconcile failed for ${failed.length} tenant(s): ${failed.join('; ')}`.slice(0, 1000));
});
