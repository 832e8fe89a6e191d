import type { AutomationRule } from '../../../core/automations/automation-rule.ts';
import { assertRuleReferences, parseRuleSet } from '../../../core/automations/rule-set-issues.ts';
import { AppError } from '../../../core/errors/app-error.ts';
import { actorName, type SettingsActor } from '../../../core/settings/settings-actor.ts';
import type { Clock } from '../../../core/time/clock.ts';
import type { Db, Tx } from '../../client.ts';
import { recordAudit } from '../../queries/audit.ts';
import {
  listAutomationRules,
  removeAutomationRule,
  saveAutomationRule,
} from '../../queries/automations/automation-rules.ts';
import { endActiveRuns } from '../../queries/automations/automation-runs.ts';

export type RuleChange = 'added' | 'updated' | 'unchanged' | 'removed';

export interface SavedRule {
  ruleId: string;
  version: number;
  change: RuleChange;
  /** Active runs this save ended: the rule was removed or switched off. */
  cancelledRuns: number;
}

/**
 * Who changes rules: a person or key as the surfaces know them (checked below), or plain text naming a caller
 * that needs no check (`system`, a job): that text is what the audit trail records.
 */
export type AutomationActor = SettingsActor | string;

/** The audit trail's `actor`. */
export const automationActorName = (actor: AutomationActor): string =>
  typeof actor === 'string' ? actor : actorName(actor);

/** Rules are the team's to change: managers, admins, the operator and the team key; not an agent. */
export function assertMayChangeAutomations(actor: AutomationActor): void {
  if (typeof actor !== 'string' && actor.kind === 'agent' && actor.role === 'agent')
    throw new AppError('forbidden', 'only a manager or admin can change automations');
}

/**
 * `automations set <file>` (merge: the file's rules are added or updated by `id`, the others left alone) and
 * `PUT /api/v1/automations` (replace: a rule left out is removed). The whole set that results is checked
 * (every `enroll`/`stop` names a rule it keeps) and written in one transaction, so a bad file changes
 * nothing. A rule removed or saved switched off ends its active runs as `cancelled`, so their pending waits
 * do nothing when they wake. One audit line per change.
 * @example await saveAutomationRules(rt, { tenantId, rules: body, actor: { kind: 'cli' }, mode: 'merge' })
 */
export async function saveAutomationRules(
  deps: { db: Db; clock: Clock },
  input: { tenantId: string; rules: unknown; actor: AutomationActor; mode: 'merge' | 'replace' },
): Promise<SavedRule[]> {
  assertMayChangeAutomations(input.actor);
  const rules = parseRuleSet(input.rules);
  return deps.db.transaction((tx) =>
    writeRules(tx, { ...input, rules, now: deps.clock.now(), actor: automationActorName(input.actor) }),
  );
}

/**
 * The writing half, inside the caller's transaction (`patchAutomationRule` shares it): checks references
 * against the resulting set, saves each rule, removes the left-out ones when replacing.
 */
export async function writeRules(
  tx: Tx,
  input: { tenantId: string; rules: AutomationRule[]; actor: string; mode: 'merge' | 'replace'; now: Date },
): Promise<SavedRule[]> {
  const { tenantId, actor, now } = input;
  const given = new Set(input.rules.map((r) => r.id));
  const current = await listAutomationRules(tx, tenantId);
  const kept = input.mode === 'merge' ? current.filter((s) => !given.has(s.ruleId)).map((s) => s.rule) : [];
  assertRuleReferences([...kept, ...input.rules]);

  const saved: SavedRule[] = [];
  for (const rule of input.rules) {
    const result = await saveAutomationRule(tx, { tenantId, rule, actor, now });
    const ended = rule.enabled
      ? []
      : await endActiveRuns(tx, { tenantId, ruleId: rule.id, status: 'cancelled', reason: 'rule disabled', now });
    if (result.change !== 'unchanged')
      await recordAudit(tx, {
        tenantId,
        entity: 'automation_rule',
        entityId: rule.id,
        action: result.change,
        actor,
        data: { version: result.version, enabled: rule.enabled, cancelledRuns: ended.length },
      });
    saved.push({ ...result, cancelledRuns: ended.length });
  }
  if (input.mode === 'replace')
    for (const stored of current.filter((s) => !given.has(s.ruleId))) {
      if (!(await removeAutomationRule(tx, tenantId, stored.ruleId, now))) continue;
      const ended = await endActiveRuns(tx, {
        tenantId,
        ruleId: stored.ruleId,
        status: 'cancelled',
        reason: 'rule removed',
        now,
      });
      await recordAudit(tx, {
        tenantId,
        entity: 'automation_rule',
        entityId: stored.ruleId,
        action: 'removed',
        actor,
        data: { version: stored.version, cancelledRuns: ended.length },
      });
      saved.push({ ruleId: stored.ruleId, version: stored.version, change: 'removed', cancelledRuns: ended.length });
    }
  return saved;
}
