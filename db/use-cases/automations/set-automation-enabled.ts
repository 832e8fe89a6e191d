import { AppError } from '../../../core/errors/app-error.ts';
import type { Clock } from '../../../core/time/clock.ts';
import type { Db } from '../../client.ts';
import { recordAudit } from '../../queries/audit.ts';
import { getAutomationRule, saveAutomationRule } from '../../queries/automations/automation-rules.ts';
import { endActiveRuns } from '../../queries/automations/automation-runs.ts';
import { assertMayChangeAutomations, automationActorName, type AutomationActor } from './save-automation-rules.ts';

export interface EnabledResult {
  ruleId: string;
  name: string;
  version: number;
  enabled: boolean;
  /** False when the rule already was on (or off): no new version, nothing ended. */
  changed: boolean;
  cancelledRuns: number;
}

/** The message for a rule id the team does not have (or removed). */
export const noSuchRule = (ruleId: string) =>
  new AppError('not_found', `No automation rule ${ruleId} in this team (see porchlight automations list)`);

/**
 * Switches one rule on or off (`automations enable|disable`, the On/Off buttons of `/automations`, PATCH
 * `{"enabled":false}`) as a new version of it. Switching off ends its active runs as `cancelled` ("rule
 * disabled") in the same transaction, so their pending waits find them ended and do nothing.
 * @example await setAutomationEnabled(rt, { tenantId, ruleId: 'welcome', enabled: false, actor: { kind: 'cli' } })
 */
export async function setAutomationEnabled(
  deps: { db: Db; clock: Clock },
  input: { tenantId: string; ruleId: string; enabled: boolean; actor: AutomationActor },
): Promise<EnabledResult> {
  assertMayChangeAutomations(input.actor);
  const { tenantId, ruleId, enabled } = input;
  const now = deps.clock.now();
  const actor = automationActorName(input.actor);
  return deps.db.transaction(async (tx) => {
    const stored = await getAutomationRule(tx, tenantId, ruleId);
    if (!stored || stored.deletedAt) throw noSuchRule(ruleId);
    const saved = await saveAutomationRule(tx, { tenantId, rule: { ...stored.rule, enabled }, actor, now });
    const ended = enabled
      ? []
      : await endActiveRuns(tx, { tenantId, ruleId, status: 'cancelled', reason: 'rule disabled', now });
    const changed = saved.change !== 'unchanged';
    if (changed)
      await recordAudit(tx, {
        tenantId,
        entity: 'automation_rule',
        entityId: ruleId,
        action: enabled ? 'enabled' : 'disabled',
        actor,
        data: { version: saved.version, cancelledRuns: ended.length },
      });
    return {
      ruleId,
      name: stored.rule.name,
      version: saved.version,
      enabled,
      changed,
      cancelledRuns: ended.length,
    };
  });
}
