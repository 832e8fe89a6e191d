import type { ListField, RangeField, RoutingCondition } from './routing-rule.ts';
import type { RoutingInput } from './routing-types.ts';

const norm = (s: string): string => s.trim().toLowerCase();
const present = (values: Array<string | null | undefined>): string[] =>
  values.filter((v): v is string => typeof v === 'string' && v.trim() !== '').map(norm);

/** Every area the alert touches: the listing's place first, then where the lead lives and searches. */
export function inputAreas(input: RoutingInput): string[] {
  return [
    ...new Set(
      present([
        input.listing?.City,
        input.listing?.PostalCode,
        input.lead.city,
        input.lead.postalCode,
        ...(input.lead.areas ?? []),
      ]),
    ),
  ];
}

function listValues(field: ListField, input: RoutingInput): string[] {
  switch (field) {
    case 'area':
      return inputAreas(input);
    case 'city':
      return present([input.listing?.City, input.lead.city]);
    case 'postalCode':
      return present([input.listing?.PostalCode, input.lead.postalCode]);
    case 'source':
      return present([input.lead.source]);
    case 'language':
      return present([input.lead.language]);
    case 'tags':
      return present(input.lead.tags ?? []);
    case 'kind':
      return [input.kind];
    case 'priority':
      return [input.priority];
    case 'propertyType':
      return present([input.listing?.PropertyType]);
  }
}

function rangeValue(field: RangeField, input: RoutingInput): number | null {
  // A price band means the home's price when there is a listing, else what the lead can spend.
  if (field === 'price') return input.listing?.ListPrice ?? input.lead.budgetMax ?? null;
  return input.lead.score ?? null;
}

/** Evaluates a rule's condition tree; null (the catch-all) always matches. A missing value never matches. */
export function matchCondition(condition: RoutingCondition | null, input: RoutingInput): boolean {
  if (condition === null) return true;
  if ('all' in condition) return condition.all.every((c) => matchCondition(c, input));
  if ('any' in condition) return condition.any.some((c) => matchCondition(c, input));
  if ('not' in condition) return !matchCondition(condition.not, input);
  if ('in' in condition) {
    const wanted = new Set(condition.in.map(norm));
    return listValues(condition.field as ListField, input).some((v) => wanted.has(v));
  }
  const value = rangeValue(condition.field as RangeField, input);
  if (value === null) return false;
  return (
    (condition.min === undefined || value >= condition.min) && (condition.max === undefined || value <= condition.max)
  );
}
