import { parseRuleSet } from '../../../core/automations/rule-set-issues.ts';
import { AppError } from '../../../core/errors/app-error.ts';
import type { Clock } from '../../../core/time/clock.ts';
import type { Db } from '../../client.ts';
import { getAutomationRule } from '../../queries/automations/automation-rules.ts';
import {
  assertMayChangeAutomations,
  automationActorName,
  writeRules,
  type AutomationActor,
  type SavedRule,
} from './save-automation-rules.ts';
import { noSuchRule, setAutomationEnabled } from './set-automation-enabled.ts';

/**
 * `PATCH /api/v1/automations/:ruleId`: the patch's top-level keys replace the stored rule's (a `then` is
 * replaced whole; `null` takes an optional one such as `if` away), and the result is validated as a whole
 * rule. `{"enabled":…}` alone is the on/off switch.
 * @example await patchAutomationRule(rt, { tenantId, ruleId: 'welcome', patch: { name: 'Welcome text' }, actor })
 */
export async function patchAutomationRule(
  deps: { db: Db; clock: Clock },
  input: { tenantId: string; ruleId: string; patch: Record<string, unknown>; actor: AutomationActor },
): Promise<SavedRule> {
  const { tenantId, ruleId, patch } = input;
  assertMayChangeAutomations(input.actor);
  const keys = Object.keys(patch);
  if (keys.length === 1 && typeof patch.enabled === 'boolean') {
    const result = await setAutomationEnabled(deps, { ...input, enabled: patch.enabled });
    return {
      ruleId,
      version: result.version,
      change: result.changed ? 'updated' : 'unchanged',
      cancelledRuns: result.cancelledRuns,
    };
  }
  if ('id' in patch && patch.id !== ruleId)
    throw new AppError('validation_failed', `id: a rule keeps its id (${ruleId}); add a new rule instead`);
  return deps.db.transaction(async (tx) => {
    const stored = await getAutomationRule(tx, tenantId, ruleId);
    if (!stored || stored.deletedAt) throw noSuchRule(ruleId);
    const merged = Object.entries({ ...stored.rule, ...patch, id: ruleId }).filter(([, value]) => value !== null);
    const rules = parseRuleSet([Object.fromEntries(merged)]);
    const [saved] = await writeRules(tx, {
      tenantId,
      rules,
      actor: automationActorName(input.actor),
      mode: 'merge',
      now: deps.clock.now(),
    });
    return saved;
  });
}
