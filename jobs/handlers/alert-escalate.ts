import { escalateDueAlerts } from '../../db/use-cases/alerts/escalate-due-alerts.ts';
import { reachOf } from '../../bots/deliveries/reachable-channels.ts';
import { defineHandler } from '../handler.ts';

/**
 * Every minute: expire alerts past `expires_at`, re-notify snoozed alerts whose snooze ended, and
 * move unclaimed / unacknowledged alerts one rung up the ladder once `escalate_at` has passed
 * (re-notify → managers → SMS to the managers for critical).
 */
export default defineHandler('alert.escalate', async (_data, { runtime }) => {
  const { db, queue, clock } = runtime;
  await escalateDueAlerts({ db, queue, clock, reach: reachOf(runtime) });
});
