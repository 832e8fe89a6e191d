import { and, countDistinct, eq, gte, inArray, notInArray, sql } from 'drizzle-orm';
import { deliveries } from '../../schema/index.ts';
import type { Executor } from '../../client.ts';

/**
 * Alerts sent (or on their way) to any of these addresses since `since`: what a per-recipient cap
 * counts. Failed and suppressed copies never reached anyone; digested alerts are not deliveries.
 */
export async function alertsSentSince(
  db: Executor,
  tenantId: string,
  addresses: string[],
  since: Date,
): Promise<number> {
  if (addresses.length === 0) return 0;
  const [row] = await db
    .select({ n: countDistinct(deliveries.alertId) })
    .from(deliveries)
    .where(
      and(
        eq(deliveries.tenantId, tenantId),
        inArray(deliveries.recipient, addresses),
        notInArray(deliveries.status, ['failed', 'undelivered', 'suppressed']),
        gte(sql`coalesce(${deliveries.sentAt}, ${deliveries.statusAt}, ${deliveries.createdAt})`, since),
      ),
    );
  return Number(row?.n ?? 0);
}
