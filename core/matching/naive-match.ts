import type { Listing } from '../listings/listing.ts';
import type { SavedSearch } from '../search/saved-search.ts';
import { byScoreThenIds, type Match } from './match-listing.ts';
import { DEFAULT_MATCH_THRESHOLD, scoreMatch } from './score-match.ts';

/*
 * Scan-everything matching with no prefilter at all: the full `scoreMatch` on every pair. It is
 * the reference the indexed path must agree with (tests) and the baseline it is measured against
 * (bench/matching.bench.ts).
 */

export function naiveMatchListing(
  listing: Listing,
  searches: Iterable<SavedSearch>,
  threshold = DEFAULT_MATCH_THRESHOLD,
): Match[] {
  const matches: Match[] = [];
  for (const search of searches) {
    const result = scoreMatch(search.criteria, listing, threshold);
    if (result.passed)
      matches.push({
        searchId: search.id,
        leadId: search.leadId,
        listingKey: listing.ListingKey,
        score: result.score,
        breakdown: result.breakdown,
      });
  }
  return matches.sort(byScoreThenIds);
}

export function naiveMatchSearch(
  search: SavedSearch,
  listings: Iterable<Listing>,
  threshold = DEFAULT_MATCH_THRESHOLD,
): Match[] {
  const matches: Match[] = [];
  for (const listing of listings) {
    const result = scoreMatch(search.criteria, listing, threshold);
    if (result.passed)
      matches.push({
        searchId: search.id,
        leadId: search.leadId,
        listingKey: listing.ListingKey,
        score: result.score,
        breakdown: result.breakdown,
      });
  }
  return matches.sort(byScoreThenIds);
}
