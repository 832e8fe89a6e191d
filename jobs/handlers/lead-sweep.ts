import { LANE_PRIORITY } from '../../core/inbound/job-lane.ts';
import { sweepDayFor } from '../../core/scoring/sweep-day.ts';
import { getTenant, listTenants } from '../../db/queries/tenants.ts';
import { sweepLeadPage } from '../../db/use-cases/leads/sweep-leads.ts';
import { defineHandler } from '../handler.ts';

const DAY_SECONDS = 86_400;

/**
 * Hourly (once per cluster): each team whose local clock has passed 06:00 gets that day's sweep, one job per
 * team (singleton per team and local day), so one team's book never holds up another's. A team's job re-scores
 * one page of leads and queues the next; leads carry the day they were swept, so later ticks find nothing.
 */
export default defineHandler('lead.sweep', async (data, { runtime }) => {
  const { db, queue, clock } = runtime;
  if (!data.tenantId) {
    for (const tenant of await listTenants(db)) {
      const day = sweepDayFor(clock.now(), tenant.timezone);
      if (!day) continue;
      await queue.enqueue(
        'lead.sweep',
        { tenantId: tenant.id, day },
        { singletonKey: `sweep:${tenant.id}:${day}`, singletonSeconds: DAY_SECONDS, priority: LANE_PRIORITY.bulk },
      );
    }
    return;
  }
  const tenant = await getTenant(db, data.tenantId);
  const day = data.day ?? (tenant ? sweepDayFor(clock.now(), tenant.timezone) : null);
  if (!tenant || !day) return;
  const page = await sweepLeadPage(runtime, { tenantId: tenant.id, day, after: data.after });
  if (page.swept) runtime.logger.info({ tenantId: tenant.id, day, ...page }, 'lead sweep: page re-scored');
});
