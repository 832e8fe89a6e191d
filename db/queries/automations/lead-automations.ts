import { and, eq, inArray } from 'drizzle-orm';
import { runView, type AutomationRunView } from '../../../core/automations/run-view.ts';
import { automationRules } from '../../schema/index.ts';
import type { Executor } from '../../client.ts';
import { automationRunsOfLead } from './automation-runs.ts';

/** Every status but `skipped`: a refusal to start says nothing about where she stands. */
const SHOWN = ['active', 'completed', 'exited', 'cancelled', 'failed'];

/**
 * Her automation runs as `/lead` and `GET /api/v1/leads/:id` show them: active ones first, then newest, each
 * named by its rule (a removed rule keeps its name).
 * @example await leadAutomations(db, tenantId, leadId) // [{ ruleId: 'five-day-check-in', step: 2, of: 3, ... }]
 */
export async function leadAutomations(db: Executor, tenantId: string, leadId: string): Promise<AutomationRunView[]> {
  const runs = await automationRunsOfLead(db, { tenantId, leadId, statuses: SHOWN });
  if (runs.length === 0) return [];
  const rules = await db
    .select({ ruleId: automationRules.ruleId, definition: automationRules.definition })
    .from(automationRules)
    .where(
      and(
        eq(automationRules.tenantId, tenantId),
        inArray(automationRules.ruleId, [...new Set(runs.map((r) => r.ruleId))]),
      ),
    );
  const names = new Map(
    rules.map((r) => [r.ruleId, typeof r.definition.name === 'string' ? r.definition.name : undefined]),
  );
  const views = runs.map((run) => runView(run, names.get(run.ruleId)));
  // Newest first already; a stable sort keeps that order within active and within the rest.
  return views.sort((a, b) => Number(b.status === 'active') - Number(a.status === 'active'));
}
