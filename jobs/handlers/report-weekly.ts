import { getTenant, listTenants } from '../../db/queries/tenants.ts';
import { planWeeklyReport } from '../../db/use-cases/reports/plan-weekly-report.ts';
import { defineHandler } from '../handler.ts';

/**
 * Every quarter hour: each team with the weekly report on whose Monday 08:00 has come gets its report
 * planned (a no-op for the rest of that Monday); the delivery pipeline draws and posts it.
 */
export default defineHandler('report.weekly', async (data, { runtime }) => {
  const { db, queue, clock } = runtime;
  const tenant = data.tenantId ? await getTenant(db, data.tenantId) : undefined;
  const tenants = data.tenantId ? (tenant ? [tenant] : []) : await listTenants(db);
  for (const t of tenants) {
    const plan = await planWeeklyReport({ db, queue, clock }, t);
    if (plan === 'planned') runtime.logger.info({ tenantId: t.id }, 'weekly report planned');
  }
});
