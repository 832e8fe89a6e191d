import { z } from 'zod';
import { AutomationStep, RULE_ID, stepTemplates } from './automation-action.ts';
import { AutomationCondition } from './automation-condition.ts';
import { hasStrayBraces, unknownVariables } from './automation-template.ts';
import { AutomationWhen } from './automation-trigger.ts';

export const EXIT_REASONS = ['replied', 'appointment_booked', 'opted_out'] as const;
export const AutomationExit = z.union([
  z.enum(EXIT_REASONS),
  z.strictObject({ stageReached: z.array(z.string().min(1)).min(1) }),
]);
export type AutomationExit = z.infer<typeof AutomationExit>;

/**
 * One "when this happens, do that" rule as a team writes it (JSON). `id` is stable: `automations set` adds or
 * updates by it, and every change makes a new version. A sequence (a `then` with waits) leaves when one of
 * `exitWhen` happens or somebody stops it.
 */
const braced = (names: string[]) => names.map((u) => `{{${u}}}`).join(', ');

export const AutomationRule = z
  .strictObject({
    id: RULE_ID,
    name: z.string().min(1).max(120),
    description: z.string().max(2000).optional(),
    enabled: z.boolean().default(true),
    when: AutomationWhen,
    if: AutomationCondition.optional(),
    then: z.array(AutomationStep).min(1).max(20),
    exitWhen: z.array(AutomationExit).default([]),
    /** Loop protection: what this rule's own actions cause does not start it again for the lead in this window. */
    loopWindowHours: z
      .number()
      .positive()
      .max(24 * 30)
      .default(24),
  })
  .superRefine((rule, ctx) => {
    if (rule.then.every((s) => s.do === 'wait'))
      ctx.addIssue({ code: 'custom', path: ['then'], message: 'a rule needs at least one action besides waits' });
    rule.then.forEach((step, index) => {
      for (const { key, text } of stepTemplates(step)) {
        const unknown = unknownVariables(text);
        if (unknown.length)
          ctx.addIssue({
            code: 'custom',
            path: ['then', index, key],
            message: `unknown template variable${unknown.length > 1 ? 's' : ''} ${braced(unknown)}`,
          });
        if (hasStrayBraces(text))
          ctx.addIssue({ code: 'custom', path: ['then', index, key], message: 'unbalanced {{ }} in the template' });
      }
    });
  });
export type AutomationRule = z.output<typeof AutomationRule>;
export type AutomationRuleInput = z.input<typeof AutomationRule>;

/** A file or request body: a list of rules, or `{ "rules": [...] }`. */
export const AutomationRuleSet = z
  .union([z.array(AutomationRule), z.strictObject({ rules: z.array(AutomationRule) }).transform((s) => s.rules)])
  .superRefine((rules, ctx) => {
    const seen = new Set<string>();
    rules.forEach((rule, index) => {
      if (seen.has(rule.id))
        ctx.addIssue({ code: 'custom', path: [index, 'id'], message: `rule id ${rule.id} appears twice` });
      seen.add(rule.id);
    });
  });

/**
 * Steps that name other rules (`enroll`, `stop`) must name rules the team will have: checked against the whole
 * set that results from a save. Returns one message per unknown reference.
 */
export function unknownRuleReferences(rules: readonly AutomationRule[]): string[] {
  const ids = new Set(rules.map((r) => r.id));
  const problems: string[] = [];
  for (const rule of rules)
    rule.then.forEach((step, index) => {
      if ((step.do === 'enroll' || step.do === 'stop') && step.ruleId !== '*' && !ids.has(step.ruleId))
        problems.push(`${rule.id}: then[${index}] ${step.do}s unknown rule ${step.ruleId}`);
    });
  return problems;
}

/** Where a run stands, as `/lead` and the REST API say it: "step 2 of 3". */
export function stepCount(rule: Pick<AutomationRule, 'then'>): number {
  return rule.then.length;
}
