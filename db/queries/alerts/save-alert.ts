import { eq } from 'drizzle-orm';
import { alerts } from '../../schema/index.ts';
import type { Executor } from '../../client.ts';
import type { AlertRow } from './get-alert.ts';

/** The columns a life-cycle change, a routing or an escalation step may move. */
export type AlertChange = Partial<
  Pick<
    AlertRow,
    | 'status'
    | 'assigneeId'
    | 'claimedAt'
    | 'acknowledgedAt'
    | 'contactedAt'
    | 'closedAt'
    | 'snoozedUntil'
    | 'escalationLevel'
    | 'escalateAt'
    | 'lastEscalatedAt'
    | 'routing'
    | 'routedAt'
  >
>;

/** Writes a decided change to one alert, stamped with the injected clock; returns the row as stored. */
export async function saveAlert(db: Executor, alertId: string, change: AlertChange, now: Date): Promise<AlertRow> {
  const [row] = await db
    .update(alerts)
    .set({ ...change, updatedAt: now })
    .where(eq(alerts.id, alertId))
    .returning();
  return row;
}
