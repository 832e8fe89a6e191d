import { classifyChange, type ListingChange } from '../../../core/listings/classify-change.ts';
import type { Listing } from '../../../core/listings/listing.ts';
import { scoreDeal } from '../../../core/listings/score-deal.ts';
import { validateListingRow } from '../../../core/listings/validate-listing-row.ts';
import type { Clock } from '../../../core/time/clock.ts';
import type { JobQueue } from '../../../jobs/queue.ts';
import type { Db, Tx } from '../../client.ts';
import { COMPARABLE_STATUSES, recentComparables } from '../../queries/listings/recent-comparables.ts';
import {
  insertListingChanges,
  listingValues,
  lockListings,
  writeListings,
} from '../../queries/listings/write-listings.ts';

/** What the upsert needs: the database, the queue its change jobs go to, and the clock. */
export interface UpsertDeps {
  db: Db;
  queue: JobQueue;
  clock: Clock;
}

export interface UpsertListingsResult {
  /** Listings inserted or replaced by a newer version. */
  upserted: number;
  /** Changes recorded now (a replayed change is not reported twice). */
  changes: Array<{ listingKey: string; changeType: string }>;
  /** One entry per problem; `index` is the position in the input. */
  rejected: Array<{ index: number; field: string; message: string }>;
  /** Valid rows whose ModificationTimestamp is not newer than the stored version (replays). */
  unchanged: number;
}

export interface UpsertListingsInput {
  tenantId: string;
  listings: readonly unknown[];
  /** Where they came from: api | import | reso | demo */
  source: string;
  /** Rows per transaction: big enough to amortise round trips, small enough to keep locks short. */
  chunkSize?: number;
  onProgress?: (done: number, total: number) => void;
}

const DEFAULT_CHUNK = 500;

/**
 * The one door for listings from every source (REST batch, CLI import, RESO feed, demo).
 * Per chunk, in one transaction: validate every row (bad rows are reported, good rows go on),
 * lock and load the stored versions, classify what changed, ignore replays and older versions,
 * score the deal against recent comparables, write the listings and their `listing_changes`
 * rows, and enqueue `listing.changed` for each new change, so a rolled-back chunk leaves no job.
 * @example await upsertListings({ db, queue, clock }, { tenantId, listings: body.listings, source: 'api' })
 */
export async function upsertListings(deps: UpsertDeps, input: UpsertListingsInput): Promise<UpsertListingsResult> {
  const result: UpsertListingsResult = { upserted: 0, changes: [], rejected: [], unchanged: 0 };
  const size = input.chunkSize ?? DEFAULT_CHUNK;
  for (let start = 0; start < input.listings.length; start += size) {
    const good: Listing[] = [];
    input.listings.slice(start, start + size).forEach((row, offset) => {
      const checked = validateListingRow(row);
      if (checked.ok) good.push(checked.listing);
      else for (const p of checked.problems) result.rejected.push({ index: start + offset, ...p });
    });
    if (good.length) await deps.db.transaction((tx) => upsertChunk(tx, deps, input, good, result));
    input.onProgress?.(Math.min(start + size, input.listings.length), input.listings.length);
  }
  return result;
}

async function upsertChunk(
  tx: Tx,
  deps: Pick<UpsertDeps, 'queue' | 'clock'>,
  input: UpsertListingsInput,
  good: Listing[],
  result: UpsertListingsResult,
): Promise<void> {
  const now = deps.clock.now();
  const current = await lockListings(tx, input.tenantId, [...new Set(good.map((l) => l.ListingKey))]);
  // A key may appear twice in one chunk (a feed page with two versions): each is classified
  // against the one before it, and only the newest is written.
  const newest = new Map<string, Listing>();
  const changes: ListingChange[] = [];
  for (const listing of good) {
    const previous = current.get(listing.ListingKey) ?? null;
    if (previous && !(Date.parse(listing.ModificationTimestamp) > Date.parse(previous.ModificationTimestamp))) {
      result.unchanged++;
      continue;
    }
    changes.push(...classifyChange(previous, listing));
    current.set(listing.ListingKey, listing);
    newest.set(listing.ListingKey, listing);
  }
  if (newest.size === 0) return;

  const byArea = await comparablesByArea(tx, input.tenantId, [...newest.values()], now);
  const rows = [...newest.values()].map((l) =>
    listingValues(input.tenantId, l, scoreDeal(l, byArea.get(areaKey(l)) ?? [], { now: () => now }), input.source, now),
  );
  result.upserted += await writeListings(tx, rows);

  for (const change of await insertListingChanges(tx, input.tenantId, changes)) {
    await deps.queue.enqueue(
      'listing.changed',
      { tenantId: input.tenantId, listingKey: change.listingKey, changeId: change.id, changeType: change.changeType },
      { tx },
    );
    result.changes.push({ listingKey: change.listingKey, changeType: change.changeType });
  }
}

const areaKey = (l: Listing): string => `${l.PostalCode ?? ''}|${l.PropertyType ?? ''}`;

/**
 * Stored comparables plus the chunk itself: a first import of a whole ZIP scores each listing
 * against its neighbours in the same file, not against an empty table.
 */
async function comparablesByArea(
  tx: Tx,
  tenantId: string,
  chunk: Listing[],
  now: Date,
): Promise<Map<string, Listing[]>> {
  const areas = new Map<string, { postalCode: string; propertyType: string }>();
  for (const l of chunk)
    if (l.PostalCode && l.PropertyType)
      areas.set(areaKey(l), { postalCode: l.PostalCode, propertyType: l.PropertyType });
  const pool = new Map<string, Listing>();
  for (const c of await recentComparables(tx, tenantId, [...areas.values()], now)) pool.set(c.ListingKey, c);
  for (const l of chunk) {
    if (COMPARABLE_STATUSES.includes(l.StandardStatus)) pool.set(l.ListingKey, l);
    else pool.delete(l.ListingKey);
  }
  const grouped = new Map<string, Listing[]>();
  for (const c of pool.values()) {
    const key = areaKey(c);
    if (!areas.has(key)) continue;
    const list = grouped.get(key);
    if (list) list.push(c);
    else grouped.set(key, [c]);
  }
  return grouped;
}
