import { z } from 'zod';
import { LeadFact } from '../../core/intent/lead-fact.ts';

/**
 * What we ask the model to return for one message. Strict structured output needs every property
 * present, so "not said" is null, false or [] on the wire; `factsFromWire` turns it into our facts.
 */
export const FactsWire = z.object({
  preApproved: z.boolean().nullable(),
  lender: z.string().nullable(),
  preApprovalAmount: z.number().nullable(),
  timelineMonths: z.number().nullable(),
  timelineSaid: z.string().nullable(),
  budgetMax: z.number().nullable(),
  areas: z.array(z.string()),
  bedsMin: z.number().nullable(),
  showingRequest: z.boolean(),
  showingPlace: z.string().nullable(),
  showingWhen: z.string().nullable(),
  wantsPerson: z.boolean(),
  notInterested: z.boolean(),
  alreadyBought: z.boolean(),
  wrongNumber: z.boolean(),
});
export type FactsWire = z.infer<typeof FactsWire>;

const opt = <K extends string, V>(key: K, v: V | null) => (v === null || v === '' ? {} : { [key]: v });

/** Our facts from the model's answer; throws (a ZodError) when the model broke our rules, so the caller falls back. */
export function factsFromWire(w: FactsWire): LeadFact[] {
  const raw: unknown[] = [];
  if (w.preApproved !== null)
    raw.push({
      kind: 'pre_approved',
      value: { approved: w.preApproved, ...opt('amount', w.preApproved ? w.preApprovalAmount : null) },
    });
  if (w.lender) raw.push({ kind: 'lender', value: w.lender });
  if (w.timelineMonths !== null)
    raw.push({ kind: 'timeline', value: { months: w.timelineMonths, ...opt('said', w.timelineSaid) } });
  if (w.budgetMax !== null) raw.push({ kind: 'budget_max', value: w.budgetMax });
  if (w.areas.length) raw.push({ kind: 'areas', value: w.areas });
  if (w.bedsMin !== null) raw.push({ kind: 'beds_min', value: w.bedsMin });
  if (w.showingRequest)
    raw.push({ kind: 'showing_request', value: { ...opt('place', w.showingPlace), ...opt('when', w.showingWhen) } });
  if (w.wantsPerson) raw.push({ kind: 'wants_person', value: true });
  if (w.notInterested) raw.push({ kind: 'not_interested', value: true });
  if (w.alreadyBought) raw.push({ kind: 'already_bought', value: true });
  if (w.wrongNumber) raw.push({ kind: 'wrong_number', value: true });
  return z.array(LeadFact).parse(raw);
}
