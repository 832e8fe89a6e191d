import type { AutomationRule } from '../../../core/automations/automation-rule.ts';
import type { Executor } from '../../client.ts';
import { automationRunCounts } from './automation-run-counts.ts';
import { listAutomationRules } from './automation-rules.ts';

/** Where one rule stands: what we report beside the rule, not part of it. */
export interface AutomationRuleState {
  ruleId: string;
  version: number;
  enabled: boolean;
  updatedAt: string;
  /** Leads in it now. */
  activeRuns: number;
}

/**
 * The team's rules as a document `automations set` and `PUT /api/v1/automations` take back (`rules`), with
 * where each stands (`state`): `automations list`, `GET /api/v1/automations` and `/automations` read it.
 */
export async function automationOverview(
  db: Executor,
  tenantId: string,
): Promise<{ rules: AutomationRule[]; state: AutomationRuleState[] }> {
  const [stored, counts] = await Promise.all([listAutomationRules(db, tenantId), automationRunCounts(db, tenantId)]);
  return {
    rules: stored.map((s) => s.rule),
    state: stored.map((s) => ({
      ruleId: s.ruleId,
      version: s.version,
      enabled: s.enabled,
      updatedAt: s.updatedAt.toISOString(),
      activeRuns: counts.get(s.ruleId)?.active ?? 0,
    })),
  };
}
