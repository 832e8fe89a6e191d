import { weeklyReportKey, weeklyReportSlot } from '../../../core/reports/weekly-report-slot.ts';
import { weeklyReportTarget } from '../../../core/reports/weekly-report-settings.ts';
import type { Clock } from '../../../core/time/clock.ts';
import type { JobQueue } from '../../../jobs/queue.ts';
import type { Executor } from '../../client.ts';
import { createDelivery } from '../../queries/deliveries/create-delivery.ts';
import type { Tenant } from '../../queries/tenants.ts';

export type WeeklyReportPlan = 'off' | 'not_due' | 'planned' | 'already_planned';

/**
 * A team's weekly report, once it is due (Monday from 08:00 team time, core/reports/weekly-report-slot.ts):
 * one delivery to the managers' channel, keyed by team and ISO week. The key's unique index is what makes it
 * once a week: any number of workers, schedule passes or restarts insert the same key, and only the first
 * row (and its `alert.deliver` job, committed with it) exists.
 * @example await planWeeklyReport({ db, queue, clock }, tenant) // 'planned'
 */
export async function planWeeklyReport(
  deps: { db: Executor; queue: JobQueue; clock: Clock },
  tenant: Tenant,
): Promise<WeeklyReportPlan> {
  const target = weeklyReportTarget(tenant.settings.reports);
  if (!target) return 'off';
  const slot = weeklyReportSlot(deps.clock.now(), tenant.timezone);
  if (!slot) return 'not_due';
  const row = await deps.db.transaction((tx) =>
    createDelivery(tx, deps.queue, {
      tenantId: tenant.id,
      alertId: null,
      channel: target.channel,
      recipient: target.recipient,
      recipientKind: 'channel',
      idempotencyKey: weeklyReportKey(tenant.id, slot.week),
      now: deps.clock.now(),
    }),
  );
  return row ? 'planned' : 'already_planned';
}
