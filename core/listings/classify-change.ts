import type { Listing } from './listing.ts';
import { OFF_MARKET_STATUSES, type ChangeType, type StandardStatus } from './reso-lookups.ts';

export interface ListingChange {
  listingKey: string;
  /** RESO ChangeType lookup (legacy OData spelling, as in property-core.json). */
  changeType: ChangeType;
  previousPrice: number | null;
  newPrice: number;
  previousStatus: StandardStatus | null;
  newStatus: StandardStatus;
  /** The version that produced the change: with listingKey + changeType it is the dedupe key. */
  modificationTimestamp: string;
}

/** Moving into one of these statuses is reported as the ChangeType of the same name. */
const STATUS_CHANGE_TYPE: Partial<Record<StandardStatus, ChangeType>> = {
  ActiveUnderContract: 'ActiveUnderContract',
  Pending: 'Pending',
  Closed: 'Closed',
  Withdrawn: 'Withdrawn',
  Expired: 'Expired',
  Canceled: 'Canceled',
  Hold: 'Hold',
  ComingSoon: 'ComingSoon',
  Delete: 'Deleted',
};

/**
 * What happened between the stored version of a listing and the incoming one, as RESO ChangeType
 * values; a status move and a price move in the same update give two changes.
 *
 * Feeds replay: a version whose ModificationTimestamp is not newer than the stored one is the
 * same or an older version, so it yields nothing and re-running an import is harmless.
 * Moving into `Incomplete` (an MLS data-entry state, no RESO ChangeType) yields no status change.
 * @example classifyChange(stored, { ...stored, ListPrice: 599_000, ModificationTimestamp: later })
 * // → [{ changeType: 'PriceChange', previousPrice: 625000, newPrice: 599000, ... }]
 */
export function classifyChange(previous: Listing | null, next: Listing): ListingChange[] {
  const base = {
    listingKey: next.ListingKey,
    previousPrice: previous?.ListPrice ?? null,
    newPrice: next.ListPrice,
    previousStatus: previous?.StandardStatus ?? null,
    newStatus: next.StandardStatus,
    modificationTimestamp: next.ModificationTimestamp,
  };
  if (previous === null) {
    const firstSeen = firstSightingType(next.StandardStatus);
    return firstSeen ? [{ ...base, changeType: firstSeen }] : [];
  }
  if (Date.parse(next.ModificationTimestamp) <= Date.parse(previous.ModificationTimestamp)) return [];

  const changes: ListingChange[] = [];
  if (previous.StandardStatus !== next.StandardStatus) {
    const statusType = statusMoveType(previous.StandardStatus, next.StandardStatus);
    if (statusType) changes.push({ ...base, changeType: statusType });
  }
  if (previous.ListPrice !== next.ListPrice) changes.push({ ...base, changeType: 'PriceChange' });
  return changes;
}

/** A listing we have never seen: Active is news; a first sighting as Closed (history import) is a comparable, not news. */
function firstSightingType(status: StandardStatus): ChangeType | null {
  if (status === 'Active') return 'NewListing';
  if (status === 'Incomplete') return null;
  return STATUS_CHANGE_TYPE[status] ?? null;
}

function statusMoveType(from: StandardStatus, to: StandardStatus): ChangeType | null {
  if (to === 'Active') {
    if (OFF_MARKET_STATUSES.has(from)) return 'BackOnMarket';
    // Incomplete → Active is the first time the public sees it.
    if (from === 'Incomplete') return 'NewListing';
    return 'Active';
  }
  return STATUS_CHANGE_TYPE[to] ?? null;
}
