import { SavedSearchCriteria } from '../search/saved-search.ts';
import { factOf, type DatedFact } from './lead-fact.ts';

export interface FactLeadFields {
  preApproved?: boolean;
  timelineMonths?: number;
  budgetMax?: number;
  areas?: string[];
  beds?: number;
}

/**
 * The lead columns scoring and matching read, from the current facts: what she said last wins over
 * an older CRM field, and kinds she never spoke of leave the CRM's value alone.
 */
export function leadFieldsFromFacts(facts: ReadonlyArray<DatedFact>): FactLeadFields {
  const approval = factOf(facts, 'pre_approved');
  const timeline = factOf(facts, 'timeline');
  const budget = factOf(facts, 'budget_max');
  const areas = factOf(facts, 'areas');
  const beds = factOf(facts, 'beds_min');
  return {
    ...(approval ? { preApproved: approval.value.approved } : {}),
    ...(timeline ? { timelineMonths: timeline.value.months } : {}),
    ...(budget ? { budgetMax: budget.value } : {}),
    ...(areas ? { areas: areas.value } : {}),
    ...(beds ? { beds: beds.value } : {}),
  };
}

const ZIP = /^\d{5}$/;

/**
 * The lead's conversation search with what she said laid over it: her budget ceiling, areas and
 * fewest beds. Undefined when she has said none of them (there is nothing to search for yet). A
 * floor above her new ceiling is dropped rather than left contradicting it.
 */
export function searchFromFacts(
  facts: ReadonlyArray<DatedFact>,
  base: Partial<SavedSearchCriteria> = {},
): SavedSearchCriteria | undefined {
  const budget = factOf(facts, 'budget_max')?.value;
  const areas = factOf(facts, 'areas')?.value;
  const beds = factOf(facts, 'beds_min')?.value;
  if (budget === undefined && areas === undefined && beds === undefined) return undefined;
  const criteria: Partial<SavedSearchCriteria> = {
    ...base,
    ...(budget !== undefined ? { maxPrice: budget } : {}),
    ...(beds !== undefined ? { minBeds: beds } : {}),
    ...(areas ? { cities: areas.filter((a) => !ZIP.test(a)), postalCodes: areas.filter((a) => ZIP.test(a)) } : {}),
  };
  if (budget !== undefined && base.minPrice !== undefined && base.minPrice > budget) delete criteria.minPrice;
  return SavedSearchCriteria.parse(criteria);
}
