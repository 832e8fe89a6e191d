import type { SavedSearchRow } from '../../db/queries/saved-searches.ts';
import { formatPrice } from '../message/format.ts';

/** "3+ bd · 2+ ba · $300,000–$450,000 · Austin, 78704 · pool (instant)" */
export function searchSummary(
  s: Pick<
    SavedSearchRow,
    | 'minBeds'
    | 'minBaths'
    | 'minPrice'
    | 'maxPrice'
    | 'cities'
    | 'postalCodes'
    | 'nearLat'
    | 'nearLon'
    | 'nearMiles'
    | 'propertyTypes'
    | 'propertySubTypes'
    | 'keywords'
    | 'frequency'
  >,
): string {
  const parts: string[] = [];
  if (s.minBeds != null) parts.push(`${s.minBeds}+ bd`);
  if (s.minBaths != null) parts.push(`${s.minBaths}+ ba`);
  if (s.minPrice != null && s.maxPrice != null) parts.push(`${formatPrice(s.minPrice)}–${formatPrice(s.maxPrice)}`);
  else if (s.maxPrice != null) parts.push(`up to ${formatPrice(s.maxPrice)}`);
  else if (s.minPrice != null) parts.push(`from ${formatPrice(s.minPrice)}`);
  const areas = [...s.cities, ...s.postalCodes];
  if (s.nearLat != null && s.nearLon != null) areas.push(`${s.nearMiles ?? 5} mi of ${s.nearLat},${s.nearLon}`);
  if (areas.length) parts.push(areas.join(', '));
  const types = [...s.propertySubTypes, ...(s.propertySubTypes.length ? [] : s.propertyTypes)];
  if (types.length) parts.push(types.join('/'));
  if (s.keywords.length) parts.push(s.keywords.join(', '));
  return `${parts.join(' · ') || 'anything'} (${s.frequency})`;
}
