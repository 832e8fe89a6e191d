import { describe, expect, it } from 'vitest';
import { CandidateIndex } from '../../core/matching/candidate-index.ts';
import { createSearchCompactor } from '../../core/matching/compact-search.ts';
import { ListingIndex } from '../../core/matching/listing-index.ts';
import { matchListing, matchSearch } from '../../core/matching/match-listing.ts';
import { naiveMatchListing, naiveMatchSearch } from '../../core/matching/naive-match.ts';
import { SavedSearchCriteria, type SavedSearch } from '../../core/search/saved-search.ts';
import { createRng } from '../../core/synthetic/create-rng.ts';
import { generateListings } from '../../core/synthetic/generate-listings.ts';
import { generateSavedSearches } from '../../core/synthetic/generate-saved-searches.ts';

const rng = createRng(2026);
const listings = generateListings(rng, 400);
const searches = generateSavedSearches(rng, 1000);
const searchIndex = new CandidateIndex();
searches.forEach((s) => searchIndex.upsert(s));
const listingIndex = new ListingIndex();
listings.forEach((l) => listingIndex.upsert(l));
const ids = (matches: Array<{ searchId: string; listingKey: string; score: number }>) =>
  matches.map((m) => `${m.searchId}/${m.listingKey}/${m.score}`);

describe('matching a listing change against saved searches', () => {
  it('finds exactly what scanning every search finds, for every listing', () => {
    const indexed = listings.flatMap((listing) => ids(matchListing(listing, searchIndex)));
    const naive = listings.flatMap((listing) => ids(naiveMatchListing(listing, searches)));
    expect(indexed).toEqual(naive);
    // The comparison means something only if there are matches to find.
    expect(indexed.length).toBeGreaterThan(500);
  });

  it('finds the same with compacted searches, which share their lists with each other', () => {
    const compact = createSearchCompactor();
    const compacted = searches.map(compact);
    const index = new CandidateIndex();
    compacted.forEach((s) => index.upsert(s));
    const sample = listings.slice(0, 100);
    expect(sample.flatMap((l) => ids(matchListing(l, index)))).toEqual(
      sample.flatMap((l) => ids(naiveMatchListing(l, searches))),
    );
    expect(compacted.map((s) => s.criteria)).toEqual(searches.map((s) => s.criteria));
    expect(new Set(compacted.map((s) => s.criteria.propertyTypes)).size).toBeLessThan(10);
  });

  it('looks at far fewer searches than it holds', () => {
    const active = listings.filter((l) => l.StandardStatus === 'Active').slice(0, 200);
    const average = active.reduce((n, l) => n + searchIndex.candidates(l).length, 0) / active.length;
    expect(average).toBeLessThan(searches.length / 10);
  });

  it('stays in step as searches are added, edited and removed', () => {
    const index = new CandidateIndex();
    const listing = { ...listings.find((l) => l.StandardStatus === 'Active' && l.BedroomsTotal !== undefined)! };
    const search: SavedSearch = {
      id: 's1',
      leadId: 'lead-1',
      criteria: SavedSearchCriteria.parse({ postalCodes: [listing.PostalCode!], maxPrice: listing.ListPrice }),
    };
    index.upsert(search);
    expect(matchListing(listing, index).map((m) => m.searchId)).toEqual(['s1']);
    index.upsert({ ...search, criteria: { ...search.criteria, maxPrice: Math.round(listing.ListPrice / 2) } });
    expect(matchListing(listing, index)).toEqual([]);
    expect(index.size).toBe(1);
    index.upsert(search);
    expect(index.remove('s1')).toBe(true);
    expect(matchListing(listing, index)).toEqual([]);
    expect(index.size).toBe(0);
  });
});

describe('matching a saved search against listings', () => {
  it('finds exactly what scanning every listing finds, with an index or a plain iterable', () => {
    const naive = searches.flatMap((search) => ids(naiveMatchSearch(search, listings)));
    expect(searches.flatMap((search) => ids(matchSearch(search, listingIndex)))).toEqual(naive);
    expect(searches.flatMap((search) => ids(matchSearch(search, listings.values())))).toEqual(naive);
    expect(naive.length).toBeGreaterThan(500);
  });

  it('drops a listing from the index when it goes off the market, and takes it back', () => {
    const index = new ListingIndex();
    const listing = listings.find((l) => l.StandardStatus === 'Active')!;
    const search: SavedSearch = {
      id: 's1',
      leadId: 'lead-1',
      criteria: SavedSearchCriteria.parse({ cities: [listing.City!] }),
    };
    index.upsert(listing);
    expect(matchSearch(search, index).map((m) => m.listingKey)).toEqual([listing.ListingKey]);
    index.upsert({ ...listing, StandardStatus: 'Pending' });
    expect(index.size).toBe(0);
    index.upsert(listing);
    expect(matchSearch(search, index)).toHaveLength(1);
  });
});
