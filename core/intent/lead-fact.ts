import { z } from 'zod';

/** The kinds of fact design §8 names; `GET /api/v1/leads/:id` returns exactly these. */
export const LeadFactKind = z.enum([
  'pre_approved',
  'lender',
  'timeline',
  'budget_max',
  'areas',
  'beds_min',
  'showing_request',
  'wants_person',
  'not_interested',
  'already_bought',
  'wrong_number',
]);
export type LeadFactKind = z.infer<typeof LeadFactKind>;

const said = z.literal(true);

/** One value shape per kind; a stored value that no longer parses is skipped rather than trusted. */
export const LeadFact = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('pre_approved'),
    value: z.object({ approved: z.boolean(), amount: z.number().int().positive().optional() }),
  }),
  z.object({ kind: z.literal('lender'), value: z.string().min(1).max(80) }),
  /** `said`: the words behind the months ("spring", "3 months", "asap"). */
  z.object({
    kind: z.literal('timeline'),
    value: z.object({ months: z.number().int().min(0).max(120), said: z.string().max(80).optional() }),
  }),
  z.object({ kind: z.literal('budget_max'), value: z.number().int().positive() }),
  z.object({ kind: z.literal('areas'), value: z.array(z.string().min(1).max(80)).min(1).max(20) }),
  z.object({ kind: z.literal('beds_min'), value: z.number().int().min(0).max(20) }),
  /** `place`: the home as she named it ("the Barton Springs one", "12 Oak St"); `when`: the day she asked for. */
  z.object({
    kind: z.literal('showing_request'),
    value: z.object({ place: z.string().max(120).optional(), when: z.string().max(60).optional() }),
  }),
  z.object({ kind: z.literal('wants_person'), value: said }),
  z.object({ kind: z.literal('not_interested'), value: said }),
  z.object({ kind: z.literal('already_bought'), value: said }),
  z.object({ kind: z.literal('wrong_number'), value: said }),
]);
export type LeadFact = z.infer<typeof LeadFact>;

/** A stored fact: what, where from (a message id or `crm:<field>`) and when it was said. */
export type DatedFact = LeadFact & { source: string; at: Date };

/** Kinds after which no automated message should reach the lead (an agent may still write personally). */
export const STOPS_AUTOMATION: ReadonlySet<LeadFactKind> = new Set([
  'wrong_number',
  'not_interested',
  'already_bought',
]);

/** The current fact of a kind, typed, from a lead's current facts. */
export function factOf<K extends LeadFactKind>(
  facts: ReadonlyArray<DatedFact>,
  kind: K,
): Extract<DatedFact, { kind: K }> | undefined {
  return facts.find((f): f is Extract<DatedFact, { kind: K }> => f.kind === kind);
}
