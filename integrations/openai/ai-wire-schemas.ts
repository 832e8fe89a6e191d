import { z } from 'zod';
import { ExtractedCriteria } from '../../core/intent/extracted-criteria.ts';
import { IntentKind, LeadIntent } from '../../core/intent/lead-intent.ts';

/**
 * What we ask the model to return. OpenAI strict structured output requires every property to be
 * present, so "not mentioned" is `null` on the wire and becomes "absent" in our own types.
 */
export const CriteriaWire = z.object({
  minPrice: z.number().nullable(),
  maxPrice: z.number().nullable(),
  minBeds: z.number().nullable(),
  minBaths: z.number().nullable(),
  cities: z.array(z.string()),
  postalCodes: z.array(z.string()),
  propertyTypes: z.array(z.string()),
  propertySubTypes: z.array(z.string()),
  keywords: z.array(z.string()),
  timelineMonths: z.number().nullable(),
  preApproved: z.boolean().nullable(),
});
export type CriteriaWire = z.infer<typeof CriteriaWire>;

export const IntentWire = z.object({
  intent: IntentKind,
  confidence: z.number(),
});

/** Nulls dropped, then our own rules (ZIP format, min ≤ max, ...) applied: throws when the model broke them. */
export function criteriaFromWire(wire: CriteriaWire): ExtractedCriteria {
  const present = Object.fromEntries(Object.entries(wire).filter(([, v]) => v !== null));
  return ExtractedCriteria.parse(present);
}

export function intentFromWire(wire: z.infer<typeof IntentWire>): LeadIntent {
  return LeadIntent.parse(wire);
}
