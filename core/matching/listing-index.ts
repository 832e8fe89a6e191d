import type { Listing } from '../listings/listing.ts';
import { MATCHABLE_STATUSES } from '../listings/reso-lookups.ts';
import type { SavedSearchCriteria } from '../search/saved-search.ts';
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
 * The reverse prefilter: active listings bucketed like `CandidateIndex`, so a new or edited search
 * reads only the buckets its areas, types and price range cover. Listings that leave the market
 * drop out on `upsert`, so the index always holds exactly the matchable ones.
 * @example const index = new ListingIndex(); listings.forEach((l) => index.upsert(l)); index.candidates(criteria)
 */
export class ListingIndex {
  private readonly buckets = new Map<string, Set<Listing>>();
  private readonly filed = new Map<string, { listing: Listing; keys: string[] }>();

  get size(): number {
    return this.filed.size;
  }

  upsert(listing: Listing): void {
    this.remove(listing.ListingKey);
    if (!MATCHABLE_STATUSES.has(listing.StandardStatus)) return;
    const band = priceBand(listing.ListPrice);
    const keys: string[] = [];
    for (const location of listingLocationKeys(listing)) {
      for (const type of listingTypeKeys(listing)) keys.push(bucketKey(location, type, band));
    }
    for (const key of keys) {
      let bucket = this.buckets.get(key);
      if (!bucket) this.buckets.set(key, (bucket = new Set()));
      bucket.add(listing);
    }
    this.filed.set(listing.ListingKey, { listing, keys });
  }

  remove(listingKey: string): boolean {
    const entry = this.filed.get(listingKey);
    if (!entry) return false;
    for (const key of entry.keys) {
      const bucket = this.buckets.get(key);
      bucket?.delete(entry.listing);
      if (bucket?.size === 0) this.buckets.delete(key);
    }
    this.filed.delete(listingKey);
    return true;
  }

  all(): IterableIterator<Listing> {
    return [...this.filed.values()].map((e) => e.listing).values();
  }

  /** Listings that might match `criteria` (a superset; score them to decide). */
  candidates(criteria: SavedSearchCriteria): Listing[] {
    const seen = new Set<Listing>();
    const bands = searchBands(criteria);
    for (const location of searchLocationKeys(criteria)) {
      for (const type of searchTypeKeys(criteria)) {
        for (const band of bands) {
          const bucket = this.buckets.get(bucketKey(location, type, band));
          if (bucket) for (const l of bucket) seen.add(l);
        }
      }
    }
    return [...seen];
  }
}
