import { z } from 'zod';

/** What a rule's `if` may test about a lead: plain data the engine loads (and the dry run rebuilds). */
export interface LeadFacts {
  source: string | null;
  score: number | null;
  temperature: 'hot' | 'warm' | 'cold' | null;
  tags: string[];
  /** The lead's newest open opportunity (GHL stage id and status), when she has one. */
  stage: string | null;
  status: string | null;
  /** Searched areas plus her own city and postal code. */
  area: string[];
  /** Agent id of her assignee, null when nobody holds her. */
  assignee: string | null;
  consentSms: 'allowed' | 'opted_out' | 'no_address';
  consentEmail: 'allowed' | 'opted_out' | 'no_address';
  /** Inside the team's office hours right now. */
  businessHours: boolean;
  city: string | null;
  state: string | null;
  postalCode: string | null;
  language: string | null;
  budgetMax: number | null;
  timelineMonths: number | null;
  preApproved: boolean | null;
  /** When her deal was last won (ISO), for anniversaries. */
  wonAt: string | null;
  createdAt: string;
  /** Days since her last inbound message (or since she was created). */
  daysSinceInbound: number;
  customFields: Record<string, unknown>;
}

export const CONDITION_FIELDS = [
  'source',
  'score',
  'temperature',
  'tags',
  'stage',
  'status',
  'area',
  'assignee',
  'consent.sms',
  'consent.email',
  'businessHours',
  'city',
  'state',
  'postalCode',
  'language',
  'budgetMax',
  'timelineMonths',
  'preApproved',
  'wonAt',
  'createdAt',
  'daysSinceInbound',
] as const;

const Field = z.union([
  z.enum(CONDITION_FIELDS),
  z.string().regex(/^customFields\.[\w.-]+$/, 'a custom field is customFields.<GHL field id>'),
]);
const Scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const Op = z.enum(['eq', 'ne', 'in', 'not_in', 'gt', 'gte', 'lt', 'lte', 'contains', 'exists', 'anniversary']);

export type AutomationCondition =
  | { all: AutomationCondition[] }
  | { any: AutomationCondition[] }
  | { not: AutomationCondition }
  | { field: string; op: z.infer<typeof Op>; value?: z.infer<typeof Scalar> | Array<string | number> };

export const AutomationCondition: z.ZodType<AutomationCondition> = z.lazy(() =>
  z.union([
    z.strictObject({ all: z.array(AutomationCondition).min(1) }),
    z.strictObject({ any: z.array(AutomationCondition).min(1) }),
    z.strictObject({ not: AutomationCondition }),
    z
      .strictObject({
        field: Field,
        op: Op,
        value: z.union([Scalar, z.array(z.union([z.string(), z.number()]))]).optional(),
      })
      .refine((c) => c.op === 'exists' || c.op === 'anniversary' || c.value !== undefined, {
        message: 'this operator needs a value',
      }),
  ]),
);

function read(facts: LeadFacts, field: string): unknown {
  if (field.startsWith('customFields.')) return facts.customFields[field.slice('customFields.'.length)];
  if (field === 'consent.sms') return facts.consentSms;
  if (field === 'consent.email') return facts.consentEmail;
  return (facts as unknown as Record<string, unknown>)[field];
}

const norm = (v: unknown) => (typeof v === 'string' ? v.toLowerCase() : v);
const same = (a: unknown, b: unknown) => norm(a) === norm(b);

/** Same month and day as `now` in the team's zone (`today` is that date, YYYY-MM-DD), and not the same year. */
function isAnniversary(value: unknown, today: string): boolean {
  if (typeof value !== 'string' || value.length < 10 || value.slice(0, 4) >= today.slice(0, 4)) return false;
  const year = Number(today.slice(0, 4));
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  // A Feb 29 date is remembered on Feb 28 in the other years.
  const day = value.slice(5, 10) === '02-29' && !leap ? '02-28' : value.slice(5, 10);
  return day === today.slice(5, 10);
}

/**
 * Evaluates a rule's `if` against one lead. Missing values never match a comparison (null > 3 is false),
 * lists match when any element does, text compares case-insensitively.
 * @example evaluateCondition({ field: 'score', op: 'gte', value: 70 }, facts, '2026-12-02') // true for 86
 */
export function evaluateCondition(condition: AutomationCondition, facts: LeadFacts, today: string): boolean {
  if ('all' in condition) return condition.all.every((c) => evaluateCondition(c, facts, today));
  if ('any' in condition) return condition.any.some((c) => evaluateCondition(c, facts, today));
  if ('not' in condition) return !evaluateCondition(condition.not, facts, today);
  const actual = read(facts, condition.field);
  const expected = condition.value;
  const values = Array.isArray(actual) ? actual : [actual];
  const wanted = Array.isArray(expected) ? expected : [expected];
  switch (condition.op) {
    case 'exists':
      return Array.isArray(actual) ? actual.length > 0 : actual !== null && actual !== undefined && actual !== '';
    case 'anniversary':
      return isAnniversary(actual, today);
    case 'eq':
      return values.some((v) => same(v, expected));
    case 'ne':
      return !values.some((v) => same(v, expected));
    case 'in':
      return values.some((v) => wanted.some((w) => same(v, w)));
    case 'not_in':
      return !values.some((v) => wanted.some((w) => same(v, w)));
    case 'contains':
      return Array.isArray(actual)
        ? actual.some((v) => same(v, expected))
        : typeof actual === 'string' && actual.toLowerCase().includes(String(expected).toLowerCase());
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      if (typeof actual !== 'number' || typeof expected !== 'number') return false;
      if (condition.op === 'gt') return actual > expected;
      if (condition.op === 'gte') return actual >= expected;
      if (condition.op === 'lt') return actual < expected;
      return actual <= expected;
    }
  }
}
