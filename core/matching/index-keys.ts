import type { Listing } from '../listings/listing.ts';
import type { SavedSearchCriteria } from '../search/saved-search.ts';
import { hasAreas, maxAcceptablePrice, minAcceptablePrice } from './hard-filters.ts';

/*
 * The bucket keys shared by both indexes: location × property type × price band. A search is
 * filed under every bucket a passing listing could land in, a listing under the one bucket per
 * dimension it is in (plus the wildcards), so a lookup is a handful of Map reads. Keys only ever
 * widen the hard filters (never narrow them), so the index returns a superset of the matches.
 */

/** Grid cell size in degrees: ~7 miles north–south, so a 5-mile radius touches a few cells. */
export const CELL_DEG = 0.1;
/** Radii beyond this are filed as "anywhere" instead of under thousands of cells. */
const MAX_INDEXED_MILES = 100;
/** Fewer miles per degree than the real ~69.1, so the bounding box over-covers rather than clips. */
const MILES_PER_DEG = 68;
export const ANY = '*';
const BAND_BASE = 25_000;
const MAX_BAND = 30;

/**
 * Price bands grow by √2 (<$35k, $35–50k, $50–71k, ... ~$800M): fine enough that most listings
 * outside a buyer's range never become candidates, coarse enough that a search spans a few bands.
 */
export function priceBand(price: number): number {
  if (!(price >= BAND_BASE * Math.SQRT2)) return 0;
  return Math.min(MAX_BAND, Math.floor(2 * Math.log2(price / BAND_BASE)));
}

const cell = (lat: number, lon: number): string => `g${Math.floor(lat / CELL_DEG)},${Math.floor(lon / CELL_DEG)}`;

export function listingLocationKeys(listing: Listing): string[] {
  const keys = [ANY];
  if (listing.PostalCode) keys.push(`p${listing.PostalCode.slice(0, 5)}`);
  if (listing.City) keys.push(`c${listing.City.toLowerCase()}`);
  if (listing.Latitude !== undefined && listing.Longitude !== undefined)
    keys.push(cell(listing.Latitude, listing.Longitude));
  return keys;
}

export function searchLocationKeys(c: SavedSearchCriteria): string[] {
  if (!hasAreas(c)) return [ANY];
  const keys = new Set<string>();
  for (const p of c.postalCodes) keys.add(`p${p}`);
  for (const city of c.cities) keys.add(`c${city.toLowerCase()}`);
  if (c.near) {
    const { lat, lon, miles } = c.near;
    const dLat = miles / MILES_PER_DEG;
    const widestLat = Math.min(89.9, Math.abs(lat) + dLat);
    const dLon = miles / (MILES_PER_DEG * Math.cos((widestLat * Math.PI) / 180));
    if (miles > MAX_INDEXED_MILES || dLon > 10) return [ANY];
    for (let y = Math.floor((lat - dLat) / CELL_DEG); y <= Math.floor((lat + dLat) / CELL_DEG); y++) {
      for (let x = Math.floor((lon - dLon) / CELL_DEG); x <= Math.floor((lon + dLon) / CELL_DEG); x++)
        keys.add(`g${y},${x}`);
    }
  }
  return [...keys];
}

export const listingTypeKeys = (listing: Listing): string[] =>
  listing.PropertyType ? [ANY, listing.PropertyType] : [ANY];
export const searchTypeKeys = (c: SavedSearchCriteria): string[] =>
  c.propertyTypes.length ? [...c.propertyTypes] : [ANY];

export function searchBands(c: SavedSearchCriteria): number[] {
  const lo = priceBand(minAcceptablePrice(c));
  const max = maxAcceptablePrice(c);
  const hi = max === Infinity ? MAX_BAND : priceBand(max);
  const bands: number[] = [];
  for (let b = lo; b <= hi; b++) bands.push(b);
  return bands;
}

export const bucketKey = (location: string, type: string, band: number): string => `${location}|${type}|${band}`;
