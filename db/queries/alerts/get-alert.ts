import { and, eq } from 'drizzle-orm';
import { alerts } from '../../schema/index.ts';
import type { Executor, Tx } from '../../client.ts';

export type AlertRow = typeof alerts.$inferSelect;

export async function getAlert(db: Executor, tenantId: string, alertId: string): Promise<AlertRow | undefined> {
  const [row] = await db
    .select()
    .from(alerts)
    .where(and(eq(alerts.tenantId, tenantId), eq(alerts.id, alertId)));
  return row;
}

/**
 * The alert under a row lock (`FOR UPDATE`) held until the transaction ends: every read-decide-write
 * on an alert takes it first, so of two changes arriving together the second sees the first's result.
 */
export async function lockAlert(tx: Tx, tenantId: string, alertId: string): Promise<AlertRow | undefined> {
  const [row] = await tx
    .select()
    .from(alerts)
    .where(and(eq(alerts.tenantId, tenantId), eq(alerts.id, alertId)))
    .for('update');
  return row;
}
