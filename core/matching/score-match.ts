import type { Listing } from '../listings/listing.ts';
import type { SavedSearchCriteria } from '../search/saved-search.ts';
import { checkHardFilters, distanceFrom, hasAreas, sameCity, samePostalCode, typeFits } from './hard-filters.ts';
import { usd } from './usd.ts';
import { hasFeature } from './listing-features.ts';

export interface MatchFactor {
  factor: 'price' | 'beds' | 'baths' | 'size' | 'location' | 'type' | 'keywords' | 'freshness' | 'price_cut';
  /** 0–100: how well this one aspect fits. */
  score: number;
  /** Relative weight; factors the search says nothing about are left out, not scored neutral. */
  weight: number;
  text: string;
}

export interface MatchScore {
  score: number;
  /** No hard filter failed and the score reached the tenant's threshold. */
  passed: boolean;
  breakdown: MatchFactor[];
  failedFilters: string[];
}

/** Tenants can raise or lower it (tenant settings); 60 keeps "good but not perfect" homes. */
export const DEFAULT_MATCH_THRESHOLD = 60;

const WEIGHTS = {
  price: 30,
  location: 15,
  beds: 10,
  size: 10,
  keywords: 10,
  baths: 8,
  type: 7,
  freshness: 5,
  price_cut: 5,
} as const;

/**
 * How well a listing fits a saved search, 0–100, and whether it should alert.
 *
 * Hard filters (any one fails the match): status not Active/ComingSoon, price over 110 % of the
 * maximum or under 90 % of the minimum, fewer beds/baths than the minimum (or not listed), a
 * property type or sub-type not asked for, outside every listed area, a must-have keyword missing.
 * Soft score = Σ weight·fit / Σ weight over the factors that apply (table WEIGHTS):
 * - price: 1 up to 85 % of the maximum, 0.7 at the maximum, 0 at 110 %; never higher for a dearer home;
 * - location: postal code 1, city 0.9, radius 1 at the centre down to 0.5 at the edge;
 * - beds, baths, type: 1 when met; size: LivingArea / minLivingArea, capped at 1;
 * - keywords: share of must-haves present;
 * - freshness: 1 for 0–3 days on market, falling to 0.2 at 60 days; 0.5 when unknown;
 * - price_cut: cut from OriginalListPrice, full marks at 10 %.
 * The score is reported even when a filter fails, so an agent can see a near miss.
 * @example scoreMatch(parseSearchText('3 bed under 650k in Austin').criteria, listing).passed
 */
export function scoreMatch(
  search: SavedSearchCriteria,
  listing: Listing,
  threshold = DEFAULT_MATCH_THRESHOLD,
): MatchScore {
  const failedFilters: string[] = [];
  checkHardFilters(search, listing, failedFilters);
  const { score, breakdown } = softScore(search, listing);
  return { score, passed: failedFilters.length === 0 && score >= threshold, breakdown, failedFilters };
}

/** The weighted score alone: for callers that already know the hard filters pass. */
export function softScore(search: SavedSearchCriteria, listing: Listing): { score: number; breakdown: MatchFactor[] } {
  const breakdown = factorsFor(search, listing);
  let total = 0;
  let weights = 0;
  for (const f of breakdown) {
    total += f.score * f.weight;
    weights += f.weight;
  }
  return { score: Math.round(total / weights), breakdown };
}

/** 0–1, never increasing with price: the property tests hold it to that. */
export function priceFit(search: SavedSearchCriteria, price: number): number {
  if (search.maxPrice === undefined || search.maxPrice <= 0) return 1;
  const r = price / search.maxPrice;
  if (r <= 0.85) return 1;
  if (r <= 1) return 1 - ((r - 0.85) / 0.15) * 0.3;
  return Math.max(0, 0.7 - ((r - 1) / 0.1) * 0.7);
}

function add(out: MatchFactor[], factor: MatchFactor['factor'], fit: number, text: string): void {
  out.push({ factor, score: Math.round(Math.max(0, Math.min(1, fit)) * 100), weight: WEIGHTS[factor], text });
}

function factorsFor(search: SavedSearchCriteria, listing: Listing): MatchFactor[] {
  const out: MatchFactor[] = [];
  const price = listing.ListPrice;

  const pf = priceFit(search, price);
  add(
    out,
    'price',
    pf,
    search.maxPrice === undefined
      ? 'no maximum price'
      : `${usd(price)} is ${Math.round((price / search.maxPrice) * 100)}% of the ${usd(search.maxPrice)} budget`,
  );

  if (hasAreas(search)) {
    let fit = 0;
    let text = 'outside the search areas';
    if (samePostalCode(search, listing)) {
      fit = 1;
      text = `in ${listing.PostalCode!.slice(0, 5)}`;
    } else if (sameCity(search, listing)) {
      fit = 0.9;
      text = `in ${listing.City}`;
    }
    const d = distanceFrom(search, listing);
    if (d !== null && d <= search.near!.miles) {
      const radiusFit = 1 - 0.5 * (d / search.near!.miles);
      if (radiusFit > fit) {
        fit = radiusFit;
        text = `${d.toFixed(1)} miles from the search centre`;
      }
    }
    add(out, 'location', fit, text);
  }
  if (search.minBeds !== undefined) {
    const beds = listing.BedroomsTotal;
    add(
      out,
      'beds',
      beds !== undefined && beds >= search.minBeds ? 1 : 0,
      `${beds ?? 'unknown'} beds (wants ${search.minBeds}+)`,
    );
  }
  if (search.minBaths !== undefined) {
    const baths = listing.BathroomsTotalInteger;
    add(
      out,
      'baths',
      baths !== undefined && baths >= search.minBaths ? 1 : 0,
      `${baths ?? 'unknown'} baths (wants ${search.minBaths}+)`,
    );
  }
  if (search.minLivingArea !== undefined && search.minLivingArea > 0) {
    const area = listing.LivingArea;
    add(
      out,
      'size',
      area === undefined ? 0.5 : area / search.minLivingArea,
      area === undefined ? 'living area not listed' : `${Math.round(area)} sq ft (wants ${search.minLivingArea}+)`,
    );
  }
  if (search.propertyTypes.length > 0 || search.propertySubTypes.length > 0) {
    add(
      out,
      'type',
      typeFits(search, listing) ? 1 : 0,
      listing.PropertySubType ?? listing.PropertyType ?? 'type not listed',
    );
  }
  if (search.keywords.length > 0) {
    const present: string[] = [];
    for (const k of search.keywords) if (hasFeature(listing, k)) present.push(k);
    add(
      out,
      'keywords',
      present.length / search.keywords.length,
      `has ${present.length} of ${search.keywords.length} must-haves${present.length ? ` (${present.join(', ')})` : ''}`,
    );
  }
  const dom = listing.DaysOnMarket;
  add(
    out,
    'freshness',
    dom === undefined ? 0.5 : dom <= 3 ? 1 : Math.max(0.2, 1 - ((dom - 3) / 57) * 0.8),
    dom === undefined ? 'days on market unknown' : `${dom} days on market`,
  );
  const original = listing.OriginalListPrice;
  const cut = original && original > 0 && price < original ? 1 - price / original : 0;
  add(
    out,
    'price_cut',
    cut / 0.1,
    cut > 0 ? `price cut ${Math.round(cut * 100)}% from ${usd(original!)}` : 'no price cut',
  );
  return out;
}
