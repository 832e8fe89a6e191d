import { eq } from 'drizzle-orm';
import { routingState } from '../schema/index.ts';
import type { Executor } from '../client.ts';
import type { RoutingState } from '../../core/routing/routing-types.ts';
import { openAlertCounts } from './routing.ts';

/**
 * The tenant's routing state as it stands, read without the routing lock: for showing who is next,
 * never for routing itself (`lockRoutingState` is the one that may be spent and saved).
 */
export async function routingStateNow(db: Executor, tenantId: string): Promise<RoutingState> {
  const [row] = await db
    .select({ roundRobin: routingState.roundRobin })
    .from(routingState)
    .where(eq(routingState.tenantId, tenantId));
  return { roundRobin: row?.roundRobin ?? {}, openAlerts: await openAlertCounts(db, tenantId) };
}
