import { routeAlert } from '../../db/use-cases/alerts/route-alert.ts';
import { reachOf } from '../../bots/deliveries/reachable-channels.ts';
import { defineHandler } from '../handler.ts';

/**
 * Routes a new alert by the tenant's rules or, run again when a first-to-claim offer times out,
 * walks the offer's fall-through chain one rung. Idempotent: a redelivered job changes nothing.
 */
export default defineHandler('alert.route', async ({ tenantId, alertId }, { runtime }) => {
  const { db, queue, clock, metrics } = runtime;
  await routeAlert({ db, queue, clock, metrics, reach: reachOf(runtime) }, { tenantId, alertId });
});
