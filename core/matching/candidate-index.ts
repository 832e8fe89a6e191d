import type { Listing } from '../listings/listing.ts';
import { MATCHABLE_STATUSES } from '../listings/reso-lookups.ts';
import type { SavedSearch, SavedSearchCriteria } from '../search/saved-search.ts';
import { maxAcceptablePrice, minAcceptablePrice } from './hard-filters.ts';
import {
  bucketKey,
  listingLocationKeys,
  listingTypeKeys,
  priceBand,
  searchBands,
  searchLocationKeys,
  searchTypeKeys,
} from './index-keys.ts';

/**
 * A search's numeric limits copied into one fixed-shape object: criteria objects differ in which
 * optional keys they carry, and reading them across thousands of shapes is what made the
 * candidate loop slow. The comparisons are exactly those of `checkHardFilters`.
 */
interface Entry {
  search: SavedSearch;
  lowest: number;
  highest: number;
  minBeds: number;
  minBaths: number;
}

/** Every bucket a search is filed under; recomputed on removal rather than stored (~12 per search). */
function keysOf(criteria: SavedSearchCriteria): string[] {
  const keys: string[] = [];
  const bands = searchBands(criteria);
  for (const location of searchLocationKeys(criteria)) {
    for (const type of searchTypeKeys(criteria)) {
      for (const band of bands) keys.push(bucketKey(location, type, band));
    }
  }
  return keys;
}

/**
 * In-memory prefilter over active saved searches: given one listing change, the searches it could
 * possibly match (same postal code, city or nearby grid cell, or "anywhere"; a wanted type; a price
 * band inside the search's stretched range), without scanning them all. It is a superset: callers
 * still run `scoreMatch`. Kept in sync incrementally: `upsert` on create/edit, `remove` on delete
 * or deactivation.
 *
 * Memory is what bounds a worker holding 100k searches: buckets are plain arrays of shared entries
 * (4 bytes a slot) and a search's keys are not kept, so the index costs little beyond the searches.
 * @example const index = new CandidateIndex(); searches.forEach((s) => index.upsert(s)); index.candidates(listing)
 */
export class CandidateIndex {
  private readonly buckets = new Map<string, Entry[]>();
  private readonly filed = new Map<string, Entry>();

  get size(): number {
    return this.filed.size;
  }

  upsert(search: SavedSearch): void {
    this.remove(search.id);
    const { criteria } = search;
    const entry: Entry = {
      search,
      lowest: minAcceptablePrice(criteria),
      highest: maxAcceptablePrice(criteria),
      // -1, not -Infinity: a listing's unknown count reads as -1 and still passes, and small integers are
      // stored in the entry itself, where a double would take a box of its own in every one of 100k entries.
      minBeds: criteria.minBeds ?? -1,
      minBaths: criteria.minBaths ?? -1,
    };
    for (const key of keysOf(criteria)) {
      const bucket = this.buckets.get(key);
      if (bucket) bucket.push(entry);
      else this.buckets.set(key, [entry]);
    }
    this.filed.set(search.id, entry);
  }

  remove(searchId: string): boolean {
    const entry = this.filed.get(searchId);
    if (!entry) return false;
    for (const key of keysOf(entry.search.criteria)) {
      const bucket = this.buckets.get(key);
      if (!bucket) continue;
      const at = bucket.indexOf(entry);
      if (at < 0) continue;
      // Order inside a bucket means nothing (matches are sorted), so the last slot fills the hole.
      bucket[at] = bucket[bucket.length - 1];
      bucket.pop();
      if (bucket.length === 0) this.buckets.delete(key);
    }
    this.filed.delete(searchId);
    return true;
  }

  get(searchId: string): SavedSearch | undefined {
    return this.filed.get(searchId)?.search;
  }

  /** Every search, for the naive comparison and for rebuilding. */
  all(): IterableIterator<SavedSearch> {
    return [...this.filed.values()].map((e) => e.search).values();
  }

  /**
   * Searches that might match `listing` (right area, type, price, beds and baths); empty for a
   * listing that is off the market.
   */
  candidates(listing: Listing): SavedSearch[] {
    if (!MATCHABLE_STATUSES.has(listing.StandardStatus)) return [];
    const price = listing.ListPrice;
    const beds = listing.BedroomsTotal ?? -1;
    const baths = listing.BathroomsTotalInteger ?? -1;
    const band = priceBand(price);
    const seen = new Set<SavedSearch>();
    for (const location of listingLocationKeys(listing)) {
      for (const type of listingTypeKeys(listing)) {
        const bucket = this.buckets.get(bucketKey(location, type, band));
        if (!bucket) continue;
        for (const e of bucket) {
          if (price > e.highest || price < e.lowest || beds < e.minBeds || baths < e.minBaths) continue;
          seen.add(e.search);
        }
      }
    }
    return [...seen];
  }
}
