import { and, desc, eq, isNotNull } from 'drizzle-orm';
import { deliveries } from '../../schema/index.ts';
import type { Executor } from '../../client.ts';

/** The alert an agent's "1"/"2" answers: the newest one we texted them. */
export async function latestAgentSmsAlert(db: Executor, tenantId: string, phone: string): Promise<string | undefined> {
  const [row] = await db
    .select({ alertId: deliveries.alertId })
    .from(deliveries)
    .where(
      and(
        eq(deliveries.tenantId, tenantId),
        eq(deliveries.channel, 'sms'),
        eq(deliveries.recipientKind, 'agent'),
        eq(deliveries.recipient, phone),
        isNotNull(deliveries.alertId),
      ),
    )
    .orderBy(desc(deliveries.createdAt))
    .limit(1);
  return row?.alertId ?? undefined;
}
