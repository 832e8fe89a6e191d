import type { Listing } from '../listings/listing.ts';
import { MATCHABLE_STATUSES, SUB_TYPE_PARENT } from '../listings/reso-lookups.ts';
import type { SavedSearchCriteria } from '../search/saved-search.ts';
import { haversineMiles } from './haversine-miles.ts';
import { hasFeature } from './listing-features.ts';
import { usd } from './usd.ts';

/**
 * Buyers stretch: a listing up to 10 % over the maximum (or 10 % under the minimum) is still
 * shown, with a low price fit; beyond that it is out. The candidate indexes use the same bounds.
 */
export const PRICE_OVER_MAX = 1.1;
export const PRICE_UNDER_MIN = 0.9;

export const maxAcceptablePrice = (c: SavedSearchCriteria): number =>
  c.maxPrice === undefined ? Infinity : c.maxPrice * PRICE_OVER_MAX;
export const minAcceptablePrice = (c: SavedSearchCriteria): number =>
  c.minPrice === undefined ? 0 : c.minPrice * PRICE_UNDER_MIN;

export const hasAreas = (c: SavedSearchCriteria): boolean =>
  c.cities.length > 0 || c.postalCodes.length > 0 || c.near !== undefined;

/** Distance in miles when the search has a radius and the listing has coordinates. */
export function distanceFrom(c: SavedSearchCriteria, listing: Listing): number | null {
  if (!c.near || listing.Latitude === undefined || listing.Longitude === undefined) return null;
  return haversineMiles(c.near.lat, c.near.lon, listing.Latitude, listing.Longitude);
}

/** Lower-cased once per object: the same search or listing is compared thousands of times. */
const lowerCities = new WeakMap<SavedSearchCriteria, string[]>();
const lowerCity = new WeakMap<Listing, string>();

export function sameCity(c: SavedSearchCriteria, listing: Listing): boolean {
  if (!listing.City || c.cities.length === 0) return false;
  let wanted = lowerCities.get(c);
  if (wanted === undefined) lowerCities.set(c, (wanted = c.cities.map((x) => x.toLowerCase())));
  let city = lowerCity.get(listing);
  if (city === undefined) lowerCity.set(listing, (city = listing.City.toLowerCase()));
  return wanted.includes(city);
}

export const samePostalCode = (c: SavedSearchCriteria, listing: Listing): boolean =>
  listing.PostalCode !== undefined &&
  c.postalCodes.length > 0 &&
  c.postalCodes.includes(listing.PostalCode.slice(0, 5));

export function inAreas(c: SavedSearchCriteria, listing: Listing): boolean {
  if (!hasAreas(c)) return true;
  if (samePostalCode(c, listing) || sameCity(c, listing)) return true;
  const d = distanceFrom(c, listing);
  return d !== null && d <= c.near!.miles;
}

/**
 * Sub-types narrow only their own parent type: "condo or land" keeps every Land listing and only
 * condominiums among Residential ones.
 */
export function typeFits(c: SavedSearchCriteria, listing: Listing): boolean {
  if (c.propertyTypes.length > 0 && (!listing.PropertyType || !c.propertyTypes.includes(listing.PropertyType)))
    return false;
  if (c.propertySubTypes.length === 0) return true;
  if (listing.PropertySubType && c.propertySubTypes.includes(listing.PropertySubType)) return true;
  return (
    listing.PropertyType !== undefined &&
    c.propertyTypes.length > 0 &&
    !c.propertySubTypes.some((s) => SUB_TYPE_PARENT[s] === listing.PropertyType)
  );
}

/**
 * The deal-breakers. With `reasons` it lists every failure in words; without, it stops at the
 * first one (the index path checks thousands of candidates and only needs yes/no).
 */
export function checkHardFilters(c: SavedSearchCriteria, listing: Listing, reasons: string[] | null): boolean {
  // Cheapest and most selective checks first; plain ifs because this runs for every candidate.
  let ok = true;
  if (!MATCHABLE_STATUSES.has(listing.StandardStatus)) {
    if (reasons === null) return false;
    ok = false;
    reasons.push(`status ${listing.StandardStatus} is off the market`);
  }
  const price = listing.ListPrice;
  if (price > maxAcceptablePrice(c)) {
    if (reasons === null) return false;
    ok = false;
    reasons.push(`price ${usd(price)} is over 110% of the ${usd(c.maxPrice!)} maximum`);
  }
  if (price < minAcceptablePrice(c)) {
    if (reasons === null) return false;
    ok = false;
    reasons.push(`price ${usd(price)} is under 90% of the ${usd(c.minPrice!)} minimum`);
  }
  if (c.minBeds !== undefined && !((listing.BedroomsTotal ?? -1) >= c.minBeds)) {
    if (reasons === null) return false;
    ok = false;
    reasons.push(`${listing.BedroomsTotal ?? 'unknown'} bedrooms, needs ${c.minBeds}+`);
  }
  if (c.minBaths !== undefined && !((listing.BathroomsTotalInteger ?? -1) >= c.minBaths)) {
    if (reasons === null) return false;
    ok = false;
    reasons.push(`${listing.BathroomsTotalInteger ?? 'unknown'} bathrooms, needs ${c.minBaths}+`);
  }
  if (!typeFits(c, listing)) {
    if (reasons === null) return false;
    ok = false;
    reasons.push(`type ${listing.PropertySubType ?? listing.PropertyType ?? 'unknown'} is not wanted`);
  }
  if (!inAreas(c, listing)) {
    if (reasons === null) return false;
    ok = false;
    reasons.push(
      `outside the search areas (${[listing.City, listing.PostalCode].filter(Boolean).join(' ') || 'no address'})`,
    );
  }
  for (const keyword of c.keywords) {
    if (!hasFeature(listing, keyword)) {
      if (reasons === null) return false;
      ok = false;
      reasons.push(`missing must-have "${keyword}"`);
    }
  }
  return ok;
}
