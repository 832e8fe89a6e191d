import { and, count, eq } from 'drizzle-orm';
import { automationRuns } from '../../schema/index.ts';
import type { Executor } from '../../client.ts';

/** Runs per status (`{ active: 2, completed: 5 }`), per rule id. */
export type RunCountsByRule = Map<string, Record<string, number>>;

/**
 * How many runs each rule has, by status: how many leads are in it now (`active`) for `/automations` and
 * `GET /api/v1/automations`, the whole tally for `automations show`. One rule when `ruleId` is given.
 */
export async function automationRunCounts(db: Executor, tenantId: string, ruleId?: string): Promise<RunCountsByRule> {
  const rows = await db
    .select({ ruleId: automationRuns.ruleId, status: automationRuns.status, n: count() })
    .from(automationRuns)
    .where(and(eq(automationRuns.tenantId, tenantId), ruleId ? eq(automationRuns.ruleId, ruleId) : undefined))
    .groupBy(automationRuns.ruleId, automationRuns.status);
  const counts: RunCountsByRule = new Map();
  for (const row of rows) counts.set(row.ruleId, { ...counts.get(row.ruleId), [row.status]: Number(row.n) });
  return counts;
}
