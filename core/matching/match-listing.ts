import type { Listing } from '../listings/listing.ts';
import type { SavedSearch } from '../search/saved-search.ts';
import type { CandidateIndex } from './candidate-index.ts';
import { checkHardFilters } from './hard-filters.ts';
import { ListingIndex } from './listing-index.ts';
import { DEFAULT_MATCH_THRESHOLD, softScore, type MatchFactor } from './score-match.ts';

export interface Match {
  searchId: string;
  leadId: string;
  listingKey: string;
  score: number;
  breakdown: MatchFactor[];
}

/** Best first; ties in a fixed order so two runs (or two implementations) list the same thing. */
export function byScoreThenIds(a: Match, b: Match): number {
  return b.score - a.score || compare(a.searchId, b.searchId) || compare(a.listingKey, b.listingKey);
}
const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Scores one candidate pair the way every path does: the cheap yes/no filter first (most
 * candidates fail it), then the full score for the survivors.
 */
export function matchPair(search: SavedSearch, listing: Listing, threshold: number): Match | null {
  if (!checkHardFilters(search.criteria, listing, null)) return null;
  // Same result as scoreMatch(...).passed: the filters just passed, only the threshold is left.
  const { score, breakdown } = softScore(search.criteria, listing);
  if (score < threshold) return null;
  return { searchId: search.id, leadId: search.leadId, listingKey: listing.ListingKey, score, breakdown };
}

/**
 * Scores the searches a prefilter let through (an index's buckets, a SQL candidate query) against one
 * listing: the matches best first, and the matched searches by id (their frequency decides who hears now).
 * @example const { matches } = matchSearches(listing, index.candidates(listing), tenant.matchThreshold)
 */
export function matchSearches(
  listing: Listing,
  candidates: Iterable<SavedSearch>,
  threshold = DEFAULT_MATCH_THRESHOLD,
): { matches: Match[]; searches: Map<string, SavedSearch> } {
  const matches: Match[] = [];
  const searches = new Map<string, SavedSearch>();
  for (const search of candidates) {
    const match = matchPair(search, listing, threshold);
    if (!match) continue;
    matches.push(match);
    searches.set(search.id, search);
  }
  return { matches: matches.sort(byScoreThenIds), searches };
}

/**
 * A listing changed: which saved searches does it match? Reads only the index buckets the listing
 * falls in, then scores those candidates.
 * @example matchListing(listing, searchIndex, tenant.matchThreshold)
 */
export function matchListing(listing: Listing, index: CandidateIndex, threshold = DEFAULT_MATCH_THRESHOLD): Match[] {
  return matchSearches(listing, index.candidates(listing), threshold).matches;
}

/**
 * A search was created or edited: which active listings match it? Give it a `ListingIndex` to
 * read only the relevant buckets, or any iterable of listings (a database cursor page, an array)
 * to check each one.
 */
export function matchSearch(
  search: SavedSearch,
  listings: ListingIndex | Iterable<Listing>,
  threshold = DEFAULT_MATCH_THRESHOLD,
): Match[] {
  const candidates = listings instanceof ListingIndex ? listings.candidates(search.criteria) : listings;
  const matches: Match[] = [];
  for (const listing of candidates) {
    const match = matchPair(search, listing, threshold);
    if (match) matches.push(match);
  }
  return matches.sort(byScoreThenIds);
}
