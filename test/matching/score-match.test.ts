import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Listing } from '../../core/listings/listing.ts';
import { haversineMiles } from '../../core/matching/haversine-miles.ts';
import { priceFit, scoreMatch } from '../../core/matching/score-match.ts';
import { SavedSearchCriteria } from '../../core/search/saved-search.ts';
import { createRng } from '../../core/synthetic/create-rng.ts';
import { generateListings } from '../../core/synthetic/generate-listings.ts';
import { generateSavedSearches } from '../../core/synthetic/generate-saved-searches.ts';

const listing = Listing.parse({
  ListingKey: 'AUS-1',
  StandardStatus: 'Active',
  ListPrice: 600000,
  OriginalListPrice: 600000,
  ModificationTimestamp: '2026-03-01T00:00:00Z',
  BedroomsTotal: 3,
  BathroomsTotalInteger: 2,
  LivingArea: 1800,
  PropertyType: 'Residential',
  PropertySubType: 'SingleFamilyResidence',
  City: 'Austin',
  PostalCode: '78704',
  Latitude: 30.243,
  Longitude: -97.765,
  DaysOnMarket: 2,
  PublicRemarks: 'Updated bungalow with a sparkling pool, hardwood floors and a home office.',
});
const search = (input: Partial<SavedSearchCriteria>): SavedSearchCriteria => SavedSearchCriteria.parse(input);

describe('haversineMiles', () => {
  it('measures Austin to Houston at about 146 miles and is symmetric', () => {
    expect(haversineMiles(30.2672, -97.7431, 29.7604, -95.3698)).toBeCloseTo(146, 0);
    expect(haversineMiles(29.7604, -95.3698, 30.2672, -97.7431)).toBeCloseTo(
      haversineMiles(30.2672, -97.7431, 29.7604, -95.3698),
      9,
    );
  });
});

describe('scoreMatch', () => {
  it('passes a listing that fits and explains each factor', () => {
    const result = scoreMatch(
      search({
        maxPrice: 700000,
        minBeds: 3,
        minBaths: 2,
        postalCodes: ['78704'],
        propertyTypes: ['Residential'],
        keywords: ['pool'],
      }),
      listing,
    );
    expect(result.passed).toBe(true);
    expect(result.failedFilters).toEqual([]);
    expect(result.score).toBeGreaterThanOrEqual(80);
    expect(result.breakdown.map((f) => f.factor)).toEqual([
      'price',
      'location',
      'beds',
      'baths',
      'type',
      'keywords',
      'freshness',
      'price_cut',
    ]);
    expect(result.breakdown.find((f) => f.factor === 'keywords')?.text).toBe('has 1 of 1 must-haves (pool)');
  });

  it.each<[string, Partial<SavedSearchCriteria>, Partial<Listing>, RegExp]>([
    ['price way over budget', { maxPrice: 500000 }, {}, /over 110% of the \$500,000 maximum/],
    ['price way under the minimum', { minPrice: 800000 }, {}, /under 90% of the \$800,000 minimum/],
    ['too few bedrooms', { minBeds: 4 }, {}, /3 bedrooms, needs 4\+/],
    ['bedrooms not listed', { minBeds: 1 }, { BedroomsTotal: undefined }, /unknown bedrooms/],
    ['too few bathrooms', { minBaths: 3 }, {}, /2 bathrooms, needs 3\+/],
    ['another city', { cities: ['Denver'] }, {}, /outside the search areas/],
    ['outside the radius', { near: { lat: 30.4, lon: -97.75, miles: 5 } }, {}, /outside the search areas/],
    ['wrong type', { propertyTypes: ['Land'] }, {}, /type SingleFamilyResidence is not wanted/],
    ['wrong sub-type', { propertyTypes: ['Residential'], propertySubTypes: ['Condominium'] }, {}, /not wanted/],
    ['missing must-have', { keywords: ['garage'] }, {}, /missing must-have "garage"/],
    ['off the market', {}, { StandardStatus: 'Pending' }, /status Pending is off the market/],
  ])('fails a hard filter: %s', (_, criteria, changes, reason) => {
    const result = scoreMatch(search(criteria), { ...listing, ...changes });
    expect(result.passed).toBe(false);
    expect(result.failedFilters).toEqual([expect.stringMatching(reason)]);
  });

  it('stretches the budget by 10% but scores the stretch lower', () => {
    const within = scoreMatch(search({ maxPrice: 700000 }), listing);
    const stretched = scoreMatch(search({ maxPrice: 560000 }), listing);
    expect(stretched.failedFilters).toEqual([]);
    expect(stretched.breakdown[0].score).toBeLessThan(within.breakdown[0].score);
  });

  it('accepts a listing in any of the areas: ZIP, city or radius', () => {
    expect(scoreMatch(search({ cities: ['austin'] }), listing).failedFilters).toEqual([]);
    expect(
      scoreMatch(search({ postalCodes: ['78745'], near: { lat: 30.25, lon: -97.76, miles: 2 } }), listing)
        .failedFilters,
    ).toEqual([]);
  });

  it('finds must-haves in remarks as whole words, or by the RESO flag', () => {
    expect(scoreMatch(search({ keywords: ['office', 'hardwood'] }), listing).failedFilters).toEqual([]);
    expect(
      scoreMatch(search({ keywords: ['pool'] }), { ...listing, PublicRemarks: 'Pool table room.' }).failedFilters,
    ).toEqual([]);
    expect(
      scoreMatch(search({ keywords: ['pool'] }), { ...listing, PublicRemarks: 'Whirlpool tub.', PoolPrivateYN: false })
        .failedFilters,
    ).toHaveLength(1);
    expect(scoreMatch(search({ keywords: ['garage'] }), { ...listing, GarageSpaces: 2 }).failedFilters).toEqual([]);
  });

  it('lets a sub-type narrow only its own type ("condo or land")', () => {
    const condoOrLand = search({ propertyTypes: ['Residential', 'Land'], propertySubTypes: ['Condominium'] });
    expect(
      scoreMatch(condoOrLand, {
        ...listing,
        PropertyType: 'Land',
        PropertySubType: 'UnimprovedLand',
        BedroomsTotal: undefined,
      }).failedFilters,
    ).toEqual([]);
    expect(scoreMatch(condoOrLand, listing).failedFilters).toHaveLength(1);
  });

  it('applies the tenant threshold', () => {
    const criteria = search({ maxPrice: 620000 });
    const { score } = scoreMatch(criteria, listing);
    expect(scoreMatch(criteria, listing, score).passed).toBe(true);
    expect(scoreMatch(criteria, listing, score + 1).passed).toBe(false);
  });
});

describe('scoreMatch properties', () => {
  const rng = createRng(99);
  const listings = generateListings(rng, 200);
  const searches = generateSavedSearches(rng, 200);
  const anyListing = fc.constantFrom(...listings);
  const anySearch = fc.constantFrom(...searches).map((s) => s.criteria);

  it('keeps every score and factor within 0–100', () => {
    fc.assert(
      fc.property(anySearch, anyListing, fc.integer({ min: 0, max: 20_000_000 }), (criteria, l, price) => {
        const result = scoreMatch(criteria, { ...l, ListPrice: price });
        expect(result.score).toBeGreaterThanOrEqual(0);
        expect(result.score).toBeLessThanOrEqual(100);
        for (const f of result.breakdown) expect(f.score >= 0 && f.score <= 100).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('never gives a cheaper listing a lower price fit for the same search', () => {
    fc.assert(
      fc.property(
        anySearch,
        anyListing,
        fc.integer({ min: 1, max: 5_000_000 }),
        fc.integer({ min: 0, max: 5_000_000 }),
        (criteria, l, cheaper, more) => {
          const expensive = cheaper + more;
          expect(priceFit(criteria, cheaper)).toBeGreaterThanOrEqual(priceFit(criteria, expensive));
          const fitOf = (price: number) =>
            scoreMatch(criteria, { ...l, ListPrice: price }).breakdown.find((f) => f.factor === 'price')!.score;
          expect(fitOf(cheaper)).toBeGreaterThanOrEqual(fitOf(expensive));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('never raises the score when a must-have the listing lacks is added', () => {
    fc.assert(
      fc.property(
        anySearch,
        anyListing,
        fc.constantFrom('pool', 'waterfront', 'fireplace', 'basement', 'wine cellar'),
        (criteria, l, keyword) => {
          const without = {
            ...l,
            PublicRemarks: (l.PublicRemarks ?? '').replace(new RegExp(keyword, 'gi'), ''),
            PoolPrivateYN: false,
            WaterfrontYN: false,
          };
          const before = scoreMatch(criteria, without);
          const after = scoreMatch({ ...criteria, keywords: [...new Set([...criteria.keywords, keyword])] }, without);
          expect(after.score).toBeLessThanOrEqual(before.score);
          expect(after.passed).toBe(false);
        },
      ),
      { numRuns: 500 },
    );
  });
});
