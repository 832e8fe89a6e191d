import { z } from 'zod';

const text = z.string().min(1).max(1600);
/** A wait longer than a year is a typo (`"days": 3000`), not a plan, and a date that far out breaks the job. */
const MAX_WAIT_MS = 365 * 86_400_000;
const ruleId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'a rule id is lower-case letters, digits and dashes');

/**
 * One step of a rule's `then`, in order. A `wait` between actions makes the rule a sequence; lead messages
 * go through the delivery pipeline (consent, quiet hours, disclosure) and GHL changes through write-back.
 */
export const AutomationStep = z.discriminatedUnion('do', [
  z.strictObject({ do: z.literal('text_lead'), template: text }),
  z.strictObject({
    do: z.literal('email_lead'),
    subject: z.string().min(1).max(200),
    template: z.string().min(1).max(20_000),
  }),
  z.strictObject({
    do: z.literal('notify'),
    /** The lead's assignee (managers when she has none), every manager, or these agents (ids or emails). */
    to: z.union([z.enum(['assignee', 'managers']), z.strictObject({ agents: z.array(z.string().min(1)).min(1) })]),
    template: text,
  }),
  z.strictObject({
    do: z.literal('ghl_task'),
    title: z.string().min(1).max(200),
    body: z.string().max(2000).optional(),
    dueInMinutes: z
      .number()
      .int()
      .min(0)
      .max(60 * 24 * 90)
      .default(60),
  }),
  z.strictObject({ do: z.literal('ghl_note'), template: z.string().min(1).max(5000) }),
  z.strictObject({ do: z.literal('add_tag'), tag: z.string().min(1).max(100) }),
  z.strictObject({ do: z.literal('remove_tag'), tag: z.string().min(1).max(100) }),
  z.strictObject({
    do: z.literal('move_stage'),
    stageId: z.string().min(1).optional(),
    status: z.enum(['open', 'won', 'lost', 'abandoned']).optional(),
  }),
  /** Assign her by the team's routing rules (or the one named). */
  z.strictObject({ do: z.literal('assign'), routingRule: z.string().min(1).optional() }),
  z.strictObject({ do: z.literal('enroll'), ruleId }),
  /** Stop her runs of one sequence, or of every other one (`"*"`). */
  z.strictObject({ do: z.literal('stop'), ruleId: z.union([ruleId, z.literal('*')]) }),
  z.strictObject({
    do: z.literal('set_field'),
    field: z.enum(['source', 'language', 'timelineMonths', 'budgetMin', 'budgetMax', 'preApproved', 'timezone']),
    value: z.union([z.string(), z.number(), z.boolean(), z.null()]),
  }),
  z
    .strictObject({
      do: z.literal('wait'),
      minutes: z.number().int().min(0).optional(),
      hours: z.number().min(0).optional(),
      days: z.number().min(0).optional(),
    })
    .refine((w) => (w.minutes ?? 0) + (w.hours ?? 0) + (w.days ?? 0) > 0, 'a wait needs minutes, hours or days')
    .refine(
      (w) => ((w.minutes ?? 0) + (w.hours ?? 0) * 60 + (w.days ?? 0) * 1440) * 60_000 <= MAX_WAIT_MS,
      'a wait is at most 365 days',
    ),
]);
export type AutomationStep = z.infer<typeof AutomationStep>;
export type AutomationAction = Exclude<AutomationStep, { do: 'wait' }>;

/** Steps that message the lead: they count against her automation ceiling and are refused when she opted out. */
export const MESSAGE_STEPS = new Set<AutomationStep['do']>(['text_lead', 'email_lead']);
export const RULE_ID = ruleId;

/** @example waitMs({ do: 'wait', days: 3 }) // 259_200_000 */
export function waitMs(step: Extract<AutomationStep, { do: 'wait' }>): number {
  return ((step.minutes ?? 0) + (step.hours ?? 0) * 60 + (step.days ?? 0) * 24 * 60) * 60_000;
}

/** The template texts of a step, with where they sit, for validation at save time. */
export function stepTemplates(step: AutomationStep): Array<{ key: string; text: string }> {
  switch (step.do) {
    case 'text_lead':
    case 'notify':
    case 'ghl_note':
      return [{ key: 'template', text: step.template }];
    case 'email_lead':
      return [
        { key: 'subject', text: step.subject },
        { key: 'template', text: step.template },
      ];
    case 'ghl_task':
      return [{ key: 'title', text: step.title }, ...(step.body ? [{ key: 'body', text: step.body }] : [])];
    default:
      return [];
  }
}
