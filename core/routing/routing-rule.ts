import { z } from 'zod';
import { AppError } from '../errors/app-error.ts';

/** Fields a condition can test; see `matchCondition` for where each value comes from. */
export const ListField = z.enum([
  'area',
  'city',
  'postalCode',
  'source',
  'language',
  'tags',
  'kind',
  'priority',
  'propertyType',
]);
export type ListField = z.infer<typeof ListField>;
export const RangeField = z.enum(['price', 'score']);
export type RangeField = z.infer<typeof RangeField>;

export type RoutingCondition =
  | { all: RoutingCondition[] }
  | { any: RoutingCondition[] }
  | { not: RoutingCondition }
  | { field: ListField; in: string[] }
  | { field: RangeField; min?: number; max?: number };

/**
 * A condition tree stored as JSON in `routing_rules.condition`.
 * @example { all: [{ field: 'city', in: ['Austin'] }, { any: [{ field: 'price', min: 1_000_000 }, { field: 'tags', in: ['vip'] }] }] }
 */
export const RoutingCondition: z.ZodType<RoutingCondition> = z.lazy(() =>
  z.union([
    z.strictObject({ all: z.array(RoutingCondition).min(1) }),
    z.strictObject({ any: z.array(RoutingCondition).min(1) }),
    z.strictObject({ not: RoutingCondition }),
    z.strictObject({ field: ListField, in: z.array(z.string().min(1)).min(1) }),
    z
      .strictObject({ field: RangeField, min: z.number().optional(), max: z.number().optional() })
      .refine((c) => c.min !== undefined || c.max !== undefined, 'a range needs min or max'),
  ]),
);

export const RoutingStrategy = z.enum([
  'territory',
  'skill',
  'round_robin',
  'least_loaded',
  'first_to_claim',
  'manager',
]);
export type RoutingStrategy = z.infer<typeof RoutingStrategy>;

/** `routing_rules.pool`: who the strategy draws from, plus the strategy's options. */
export const RoutingPool = z.object({
  /** Agent ids in order; empty means every agent of the tenant. */
  agentIds: z.array(z.string()).default([]),
  /** skill: an agent needs every one of these. */
  skills: z.array(z.string()).default([]),
  /** skill: an agent must speak the lead's language when the lead has one. */
  matchLanguage: z.boolean().default(true),
  /** round_robin: overrides `agents.weight` for this pool. */
  weights: z.record(z.string(), z.number().int().positive()).default({}),
  /** first_to_claim: how long the offer stays open before falling through. */
  claimTimeoutMinutes: z.number().positive().default(5),
  /** first_to_claim: the pool offered next when nobody claims in time. */
  nextPool: z.array(z.string()).default([]),
});
export type RoutingPool = z.infer<typeof RoutingPool>;

export const RoutingRule = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  position: z.number().int().min(0).max(2_147_483_647),
  enabled: z.boolean().default(true),
  /** null is the catch-all. */
  condition: RoutingCondition.nullable().default(null),
  strategy: RoutingStrategy,
  pool: RoutingPool.default(RoutingPool.parse({})),
});
export type RoutingRule = z.infer<typeof RoutingRule>;

/** A tenant's whole table: unique positions, and the last enabled rule must be a catch-all. */
export const RoutingRules = z.array(RoutingRule).superRefine((rules, ctx) => {
  const positions = new Set<number>();
  for (const rule of rules) {
    if (positions.has(rule.position))
      ctx.addIssue({ code: 'custom', message: `two rules share position ${rule.position}` });
    positions.add(rule.position);
  }
  const last = [...rules]
    .filter((r) => r.enabled)
    .sort((a, b) => a.position - b.position)
    .at(-1);
  if (!last || last.condition !== null) {
    ctx.addIssue({ code: 'custom', message: 'the last enabled rule must be a catch-all (a rule with no condition)' });
  }
});
export type RoutingRules = z.infer<typeof RoutingRules>;

/** Validates stored or user-supplied rules (CLI, REST) with a message that names every problem. */
export function parseRoutingRules(data: unknown): RoutingRules {
  const result = RoutingRules.safeParse(data);
  if (!result.success) {
    const problems = result.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message));
    throw new AppError('validation_failed', `invalid routing rules: ${problems.join('; ')}`, { issues: problems });
  }
  return result.data;
}
