import type { SavedSearch, SavedSearchCriteria } from '../search/saved-search.ts';

const EMPTY: readonly never[] = Object.freeze([]);

/**
 * Copies of saved searches that share their lists and words with every other search holding the same ones.
 * A worker keeps 100k searches in memory (jobs/shared/saved-search-index.ts), and each row read from the
 * database brings its own copy of "Residential", "78704" and a handful of empty arrays; 100k searches use a
 * few hundred distinct lists, so sharing them halves the memory the searches take. Shared lists are frozen:
 * nothing may edit one search's criteria through another's.
 * @example const compact = createSearchCompactor(); index.upsert(compact(search))
 */
export function createSearchCompactor(): (search: SavedSearch) => SavedSearch {
  const words = new Map<string, string>();
  const lists = new Map<string, readonly string[]>();
  const word = (value: string): string => {
    const known = words.get(value);
    if (known !== undefined) return known;
    words.set(value, value);
    return value;
  };
  const list = <T extends string>(values: readonly T[]): T[] => {
    if (values.length === 0) return EMPTY as never;
    const key = values.join('\u0000');
    let shared = lists.get(key);
    if (shared === undefined) lists.set(key, (shared = Object.freeze(values.map(word))));
    return shared as T[];
  };
  return (search) => {
    const c = search.criteria;
    // Same keys in the same order as the input, so every compacted search keeps the one object shape.
    const criteria: SavedSearchCriteria = {
      ...c,
      cities: list(c.cities),
      postalCodes: list(c.postalCodes),
      propertyTypes: list(c.propertyTypes),
      propertySubTypes: list(c.propertySubTypes),
      keywords: list(c.keywords),
      frequency: word(c.frequency) as SavedSearchCriteria['frequency'],
    };
    return { id: search.id, leadId: search.leadId, criteria };
  };
}
