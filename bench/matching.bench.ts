import { pathToFileURL } from 'node:url';
import type { Listing } from '../core/listings/listing.ts';
import { MATCHABLE_STATUSES } from '../core/listings/reso-lookups.ts';
import { CandidateIndex } from '../core/matching/candidate-index.ts';
import { ListingIndex } from '../core/matching/listing-index.ts';
import { matchListing, matchSearch, type Match } from '../core/matching/match-listing.ts';
import { naiveMatchListing, naiveMatchSearch } from '../core/matching/naive-match.ts';
import { createRng } from '../core/synthetic/create-rng.ts';
import { generateListings } from '../core/synthetic/generate-listings.ts';
import { generateSavedSearches } from '../core/synthetic/generate-saved-searches.ts';

/*
 * Matching engine figures, indexed vs the naive scan-everything implementation of the same
 * scoring, on seeded synthetic data (Austin, Denver, Tampa). The naive full rematch would take
 * hours, so it is measured on a sample of listings and extrapolated; the output says so.
 */
const LISTINGS = 50_000;
const SEARCHES = 100_000;
const ONE_LISTING_SAMPLES = 300;
const NAIVE_ONE_LISTING_SAMPLES = 20;
const ONE_SEARCH_SAMPLES = 300;
const NAIVE_ONE_SEARCH_SAMPLES = 30;
const NAIVE_REMATCH_SAMPLE = 40;

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
const ms = (n: number): number => Math.round(n * 1000) / 1000;

function timeEach<T>(
  items: readonly T[],
  work: (item: T) => Match[],
): { p50: number; p95: number; results: Match[][] } {
  const times: number[] = [];
  const results: Match[][] = [];
  for (const item of items) {
    const start = performance.now();
    results.push(work(item));
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 0.5), p95: percentile(times, 0.95), results };
}

const sameMatches = (a: Match[][], b: Match[][]): boolean =>
  a.every(
    (list, i) =>
      list.length === b[i].length &&
      list.every(
        (m, j) => m.searchId === b[i][j].searchId && m.listingKey === b[i][j].listingKey && m.score === b[i][j].score,
      ),
  );

export async function run(): Promise<void> {
  const rng = createRng(20260302);
  const listings = generateListings(rng, LISTINGS);
  const searches = generateSavedSearches(rng, SEARCHES);

  let start = performance.now();
  const searchIndex = new CandidateIndex();
  for (const s of searches) searchIndex.upsert(s);
  const listingIndex = new ListingIndex();
  for (const l of listings) listingIndex.upsert(l);
  const buildMs = performance.now() - start;

  const active = listings.filter((l) => MATCHABLE_STATUSES.has(l.StandardStatus));
  const sampleListings = createRng(1).sample(active, ONE_LISTING_SAMPLES);
  // Warm up both paths so the first samples do not measure the JIT.
  for (const l of sampleListings.slice(0, 20)) matchListing(l, searchIndex);
  naiveMatchListing(sampleListings[0], searches);

  const indexed = timeEach(sampleListings, (l) => matchListing(l, searchIndex));
  const naive = timeEach(sampleListings.slice(0, NAIVE_ONE_LISTING_SAMPLES), (l) => naiveMatchListing(l, searches));
  console.log(
    JSON.stringify({
      bench: 'match.one_listing_vs_100k_searches',
      p50_ms: ms(indexed.p50),
      p95_ms: ms(indexed.p95),
      naive_p50_ms: ms(naive.p50),
      naive_p95_ms: ms(naive.p95),
      samples: ONE_LISTING_SAMPLES,
      naive_samples: NAIVE_ONE_LISTING_SAMPLES,
      avg_matches: Math.round(indexed.results.reduce((n, r) => n + r.length, 0) / indexed.results.length),
      same_results_as_naive: sameMatches(naive.results, indexed.results.slice(0, NAIVE_ONE_LISTING_SAMPLES)),
      index_build_ms: Math.round(buildMs),
    }),
  );

  const sampleSearches = createRng(2).sample(searches, ONE_SEARCH_SAMPLES);
  const allListings: Listing[] = listings;
  const reverse = timeEach(sampleSearches, (s) => matchSearch(s, listingIndex));
  const reverseNaive = timeEach(sampleSearches.slice(0, NAIVE_ONE_SEARCH_SAMPLES), (s) =>
    naiveMatchSearch(s, allListings),
  );
  console.log(
    JSON.stringify({
      bench: 'match.one_search_vs_50k_listings',
      p50_ms: ms(reverse.p50),
      p95_ms: ms(reverse.p95),
      naive_p50_ms: ms(reverseNaive.p50),
      naive_p95_ms: ms(reverseNaive.p95),
      same_results_as_naive: sameMatches(reverseNaive.results, reverse.results.slice(0, NAIVE_ONE_SEARCH_SAMPLES)),
    }),
  );

  start = performance.now();
  let matches = 0;
  for (const l of listings) matches += matchListing(l, searchIndex).length;
  const fullSeconds = (performance.now() - start) / 1000;
  const naiveSample = createRng(3).sample(listings, NAIVE_REMATCH_SAMPLE);
  start = performance.now();
  for (const l of naiveSample) naiveMatchListing(l, searches);
  const naiveSeconds = (performance.now() - start) / 1000;
  const naivePairsPerS = (NAIVE_REMATCH_SAMPLE * SEARCHES) / naiveSeconds;
  console.log(
    JSON.stringify({
      bench: 'match.full_rematch_50k_listings_x_100k_searches',
      pairs_per_s: Math.round((LISTINGS * SEARCHES) / fullSeconds),
      seconds: Math.round(fullSeconds * 10) / 10,
      matches,
      naive_pairs_per_s: Math.round(naivePairsPerS),
      naive_seconds_estimated: Math.round((LISTINGS * SEARCHES) / naivePairsPerS),
      naive_note: `naive measured on ${NAIVE_REMATCH_SAMPLE} random listings x ${SEARCHES} searches and extrapolated`,
    }),
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await run();
