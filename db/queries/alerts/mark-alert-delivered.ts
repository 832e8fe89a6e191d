import { and, eq, isNull } from 'drizzle-orm';
import { alerts } from '../../schema/index.ts';
import type { Executor } from '../../client.ts';
import type { AlertRow } from './get-alert.ts';

/**
 * Stamps the moment an alert first reached someone; later copies (other agents, escalations, re-sends) leave it
 * alone. Returns the row only when this call set it, so the first delivery is counted once.
 */
export async function markAlertDelivered(db: Executor, alertId: string, at: Date): Promise<AlertRow | undefined> {
  const [row] = await db
    .update(alerts)
    .set({ deliveredAt: at })
    .where(and(eq(alerts.id, alertId), isNull(alerts.deliveredAt)))
    .returning();
  return row;
}
