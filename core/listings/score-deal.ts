import type { Clock } from '../time/clock.ts';
import type { Listing } from './listing.ts';

export interface DealReason {
  factor: 'price_per_sqft' | 'price_cut' | 'recent_price_cut' | 'days_on_market' | 'hoa_fee' | 'property_tax';
  /** Points added to (or taken from) the neutral 50. */
  contribution: number;
  text: string;
}

export interface DealScore {
  score: number;
  reasons: DealReason[];
}

const DAY_MS = 86_400_000;
/** Comparables older than this say little about today's market. */
export const COMPARABLE_WINDOW_DAYS = 180;
/** Below this many comparables a median is noise, so value is not judged. */
export const MIN_COMPARABLES = 3;

/**
 * How good a deal a listing is for a buyer, 0–100, with the reasons.
 *
 * score = clamp(50 + Σ contributions, 0, 100), rounded, where
 * - price_per_sqft: d = 1 − (ListPrice / LivingArea) / median($/sq ft of comparables);
 *   contribution = clamp(150·d, −30, +30), so 20 % under the median is the full +30.
 *   Comparables: same PostalCode and PropertyType, another ListingKey, LivingArea > 0,
 *   modified within 180 days of `clock.now()`; Closed ones count at ClosePrice. Needs ≥ 3.
 * - price_cut: c = 1 − ListPrice / OriginalListPrice; +min(15, 100·c) when c ≥ 1 %.
 * - recent_price_cut: +5 when that cut happened in the last 7 days (PriceChangeTimestamp):
 *   the seller just moved and other buyers have not reacted yet.
 * - days_on_market (DaysOnMarket, else days since OnMarketDate): ≤ 7 days +3 (first look);
 *   over 30 days +min(8, (DOM − 30)/10): a stale listing gives room to negotiate.
 * - hoa_fee: −5 when the monthly AssociationFee exceeds 1.5 %/year of the price.
 * - property_tax: −5 when TaxAnnualAmount exceeds 2.5 % of the price.
 * @example scoreDeal(listing, sameZipListings, systemClock) // → { score: 78, reasons: [...] }
 */
export function scoreDeal(listing: Listing, comparables: readonly Listing[], clock: Clock): DealScore {
  const now = clock.now().getTime();
  const reasons: DealReason[] = [];
  const price = listing.ListPrice;

  const value = pricePerSqftReason(listing, comparables, now);
  if (value) reasons.push(value);

  const original = listing.OriginalListPrice;
  if (original && original > 0 && price > 0 && price < original) {
    const cut = 1 - price / original;
    if (cut >= 0.01) {
      reasons.push({
        factor: 'price_cut',
        contribution: round1(Math.min(15, cut * 100)),
        text: `Price cut ${pct(cut)} from ${money(original)}`,
      });
      const changedAt = listing.PriceChangeTimestamp ? Date.parse(listing.PriceChangeTimestamp) : NaN;
      const daysAgo = (now - changedAt) / DAY_MS;
      if (daysAgo >= 0 && daysAgo <= 7) {
        reasons.push({
          factor: 'recent_price_cut',
          contribution: 5,
          text: `Price dropped ${Math.floor(daysAgo)} day(s) ago`,
        });
      }
    }
  }

  const dom = daysOnMarket(listing, now);
  if (dom !== null && dom <= 7) {
    reasons.push({
      factor: 'days_on_market',
      contribution: 3,
      text: `New on the market (${dom} day(s)): a first look before other buyers`,
    });
  } else if (dom !== null && dom > 30) {
    reasons.push({
      factor: 'days_on_market',
      contribution: round1(Math.min(8, (dom - 30) / 10)),
      text: `On the market ${dom} days: the seller may negotiate`,
    });
  }

  if (listing.AssociationFee && price > 0 && (listing.AssociationFee * 12) / price > 0.015) {
    reasons.push({
      factor: 'hoa_fee',
      contribution: -5,
      text: `HOA fee ${money(listing.AssociationFee)}/month is high for the price`,
    });
  }
  if (listing.TaxAnnualAmount && price > 0 && listing.TaxAnnualAmount / price > 0.025) {
    reasons.push({
      factor: 'property_tax',
      contribution: -5,
      text: `Property tax ${money(listing.TaxAnnualAmount)}/year is ${pct(listing.TaxAnnualAmount / price)} of the price`,
    });
  }

  const raw = 50 + reasons.reduce((sum, r) => sum + r.contribution, 0);
  return { score: Math.round(Math.min(100, Math.max(0, raw))), reasons };
}

function pricePerSqftReason(listing: Listing, comparables: readonly Listing[], now: number): DealReason | null {
  const area = listing.LivingArea;
  if (!area || area <= 0 || listing.ListPrice <= 0) return null;
  const since = now - COMPARABLE_WINDOW_DAYS * DAY_MS;
  const perSqft: number[] = [];
  for (const c of comparables) {
    if (
      c.ListingKey === listing.ListingKey ||
      c.PostalCode !== listing.PostalCode ||
      c.PropertyType !== listing.PropertyType
    )
      continue;
    if (!c.LivingArea || c.LivingArea <= 0 || Date.parse(c.ModificationTimestamp) < since) continue;
    const p = c.StandardStatus === 'Closed' && c.ClosePrice ? c.ClosePrice : c.ListPrice;
    if (p > 0) perSqft.push(p / c.LivingArea);
  }
  const where = listing.PostalCode ?? 'this area';
  if (perSqft.length < MIN_COMPARABLES) {
    return {
      factor: 'price_per_sqft',
      contribution: 0,
      text: `Only ${perSqft.length} recent comparable(s) in ${where}: price per sq ft not judged`,
    };
  }
  const median = medianOf(perSqft);
  const own = listing.ListPrice / area;
  const d = 1 - own / median;
  const contribution = round1(Math.max(-30, Math.min(30, 150 * d)));
  const side = d >= 0 ? 'below' : 'above';
  return {
    factor: 'price_per_sqft',
    contribution,
    text: `${money(own)}/sq ft is ${pct(Math.abs(d))} ${side} the ${money(median)} median of ${perSqft.length} comparables in ${where}`,
  };
}

function daysOnMarket(listing: Listing, now: number): number | null {
  if (listing.DaysOnMarket !== undefined) return listing.DaysOnMarket;
  if (!listing.OnMarketDate) return null;
  return Math.max(0, Math.floor((now - Date.parse(`${listing.OnMarketDate}T00:00:00Z`)) / DAY_MS));
}

export function medianOf(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const round1 = (n: number): number => Math.round(n * 10) / 10;
const pct = (fraction: number): string => `${Math.round(fraction * 100)}%`;
const money = (n: number): string => `$${Math.round(n).toLocaleString('en-US')}`;
