import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Listing } from '../../core/listings/listing.ts';
import { scoreDeal } from '../../core/listings/score-deal.ts';
import { fixedClock } from '../../core/time/clock.ts';

const clock = fixedClock('2026-03-02T12:00:00Z');
const base = Listing.parse({
  ListingKey: 'L',
  StandardStatus: 'Active',
  ListPrice: 500000,
  ModificationTimestamp: '2026-03-01T00:00:00Z',
  PostalCode: '78704',
  PropertyType: 'Residential',
  LivingArea: 2000,
  DaysOnMarket: 14,
});
const comp = (key: string, price: number, extra: Partial<Listing> = {}): Listing => ({
  ...base,
  ListingKey: key,
  ListPrice: price,
  ...extra,
});
// $250/sq ft median.
const comps = [comp('c1', 480000), comp('c2', 500000), comp('c3', 520000), comp('c4', 500000)];
const reason = (score: ReturnType<typeof scoreDeal>, factor: string) => score.reasons.find((r) => r.factor === factor);

describe('scoreDeal', () => {
  it('a listing 20% under the comparable median scores well above one at the median', () => {
    const cheap = scoreDeal({ ...base, ListPrice: 400000 }, comps, clock);
    const atMedian = scoreDeal(base, comps, clock);
    expect(cheap.score).toBe(80);
    expect(atMedian.score).toBe(50);
    expect(reason(cheap, 'price_per_sqft')?.text).toBe(
      '$200/sq ft is 20% below the $250 median of 4 comparables in 78704',
    );
  });

  it('ignores comparables from another postal code, another type, or older than 180 days', () => {
    const others = [
      comp('x1', 900000, { PostalCode: '78701' }),
      comp('x2', 900000, { PropertyType: 'Land' }),
      comp('x3', 900000, { ModificationTimestamp: '2025-06-01T00:00:00.000Z' }),
    ];
    expect(scoreDeal(base, [...comps, ...others], clock).score).toBe(50);
    expect(reason(scoreDeal(base, others, clock), 'price_per_sqft')).toMatchObject({
      contribution: 0,
      text: expect.stringMatching(/Only 0 recent/),
    });
  });

  it('counts closed comparables at their close price', () => {
    const closed = [
      comp('s1', 700000, { StandardStatus: 'Closed', ClosePrice: 400000 }),
      comp('s2', 700000, { StandardStatus: 'Closed', ClosePrice: 400000 }),
      comp('s3', 400000),
    ];
    expect(reason(scoreDeal(base, closed, clock), 'price_per_sqft')?.contribution).toBe(-30);
  });

  it('rewards a price cut, more when it is fresh, and a long time on market', () => {
    const cut = scoreDeal(
      { ...base, OriginalListPrice: 550000, PriceChangeTimestamp: '2026-03-01T00:00:00Z' },
      comps,
      clock,
    );
    expect(reason(cut, 'price_cut')).toMatchObject({ contribution: 9.1, text: 'Price cut 9% from $550,000' });
    expect(reason(cut, 'recent_price_cut')?.contribution).toBe(5);
    const stale = scoreDeal({ ...base, DaysOnMarket: 90 }, comps, clock);
    expect(reason(stale, 'days_on_market')?.contribution).toBe(6);
  });

  it('derives days on market from OnMarketDate with the injected clock', () => {
    const { DaysOnMarket: _, ...noDom } = base;
    const fresh = scoreDeal({ ...noDom, OnMarketDate: '2026-02-28' }, comps, clock);
    expect(reason(fresh, 'days_on_market')?.text).toMatch(/\(2 day\(s\)\)/);
  });

  it('penalises heavy HOA fees and taxes', () => {
    const costly = scoreDeal({ ...base, AssociationFee: 900, TaxAnnualAmount: 15000 }, comps, clock);
    expect(costly.score).toBe(40);
  });

  it('stays within 0–100 and never drops when only the price falls', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1000, max: 5_000_000 }),
        fc.integer({ min: 1, max: 500_000 }),
        fc.integer({ min: 200, max: 8000 }),
        fc.option(fc.integer({ min: 1000, max: 6_000_000 }), { nil: undefined }),
        fc.integer({ min: 0, max: 1000 }),
        (price, drop, area, original, dom) => {
          const listing = {
            ...base,
            ListPrice: price,
            LivingArea: area,
            OriginalListPrice: original,
            DaysOnMarket: dom,
          };
          const score = scoreDeal(listing, comps, clock).score;
          const cheaper = scoreDeal({ ...listing, ListPrice: Math.max(1, price - drop) }, comps, clock).score;
          expect(score).toBeGreaterThanOrEqual(0);
          expect(score).toBeLessThanOrEqual(100);
          expect(cheaper).toBeGreaterThanOrEqual(score);
        },
      ),
    );
  });
});
