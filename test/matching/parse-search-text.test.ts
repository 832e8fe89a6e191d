import { describe, expect, it } from 'vitest';
import { parseSearchText } from '../../core/search/parse-search-text.ts';

describe('parseSearchText', () => {
  it('reads beds, baths, a maximum price, a city, a ZIP and a must-have', () => {
    const { criteria, understood, notUnderstood } = parseSearchText(
      '3 bed 2 bath under 650k in Austin 78704 with a pool',
    );
    expect(criteria).toMatchObject({
      minBeds: 3,
      minBaths: 2,
      maxPrice: 650000,
      cities: ['Austin'],
      postalCodes: ['78704'],
      keywords: ['pool'],
      frequency: 'instant',
    });
    expect(criteria.minPrice).toBeUndefined();
    expect(understood).toEqual([
      '3+ beds',
      '2+ baths',
      'max price $650,000',
      'city Austin',
      'postal code 78704',
      'must have pool',
    ]);
    expect(notUnderstood).toEqual([]);
  });

  it('reads a type, a radius around coordinates and "max $400,000"', () => {
    const { criteria, notUnderstood } = parseSearchText('condo near 30.27,-97.74 within 5 miles, max $400,000');
    expect(criteria).toMatchObject({
      near: { lat: 30.27, lon: -97.74, miles: 5 },
      maxPrice: 400000,
      propertyTypes: ['Residential'],
      propertySubTypes: ['Condominium'],
    });
    expect(notUnderstood).toEqual([]);
  });

  it.each([
    ['between 300k and 500k', { minPrice: 300000, maxPrice: 500000 }],
    ['300-500k', { minPrice: 300000, maxPrice: 500000 }],
    ['from $250,000 to $1.5 million', { minPrice: 250000, maxPrice: 1500000 }],
    ['under $1.2m', { maxPrice: 1200000 }],
    ['over 450k', { minPrice: 450000 }],
    ['around 500k', { minPrice: 450000, maxPrice: 550000 }],
    ['3+ beds', { minBeds: 3 }],
    ['at least 4 bedrooms', { minBeds: 4 }],
    ['2.5 baths', { minBaths: 3 }],
    ['3/2', { minBeds: 3, minBaths: 2 }],
    ['townhouse or condo', { propertyTypes: ['Residential'], propertySubTypes: ['Condominium', 'Townhouse'] }],
    ['single family', { propertySubTypes: ['SingleFamilyResidence'] }],
    ['land', { propertyTypes: ['Land'], propertySubTypes: [] }],
    ['in Round Rock', { cities: ['Round Rock'] }],
    ['in austin, round rock and pflugerville', { cities: ['Austin', 'Round Rock', 'Pflugerville'] }],
    ['78745 78748', { postalCodes: ['78745', '78748'] }],
    ['with garage, waterfront and a mountain view', { keywords: ['garage', 'waterfront', 'mountain view'] }],
    ['within 10 miles of 39.74,-104.99', { near: { lat: 39.74, lon: -104.99, miles: 10 } }],
    ['weekly', { frequency: 'weekly' }],
  ])('"%s"', (text, expected) => {
    const parsed = parseSearchText(text);
    expect(parsed.criteria).toMatchObject(expected);
    expect(parsed.notUnderstood).toEqual([]);
  });

  it('says when it fills in a default radius', () => {
    const { criteria, understood } = parseSearchText('near 30.27,-97.74');
    expect(criteria.near).toEqual({ lat: 30.27, lon: -97.74, miles: 5 });
    expect(understood).toEqual(['within 5 miles of 30.27,-97.74 (default radius)']);
  });

  it('recognises the tenant\'s own cities without "in", and "near" one of them', () => {
    expect(parseSearchText('2 bed condo austin', { knownCities: ['Austin'] }).criteria.cities).toEqual(['Austin']);
    expect(parseSearchText('near austin', { knownCities: ['Austin'] }).criteria.cities).toEqual(['Austin']);
  });

  describe('refuses instead of guessing', () => {
    it.each([
      ['no HOA', 'no hoa'],
      ['without a pool', 'without a pool'],
      ['near downtown', 'near downtown'],
      ['in a quiet area', 'quiet area'],
      ['in good condition', 'good condition'],
      ['under 650', 'under 650'],
      ['$1.2m', '$1.2m'],
      ['big kitchen', 'big kitchen'],
      ['near 95.0,-97.74 within 5 miles', 'near 95.0,-97.74 within 5 miles'],
    ])('"%s"', (text, leftover) => {
      const parsed = parseSearchText(`3 beds ${text}`);
      expect(parsed.notUnderstood).toEqual([leftover]);
      expect(parsed.criteria).toMatchObject({ minBeds: 3, cities: [], keywords: [] });
      expect(parsed.criteria.maxPrice).toBeUndefined();
      expect(parsed.criteria.near).toBeUndefined();
    });

    it('an exclusion never becomes a must-have', () => {
      expect(parseSearchText('no pool, with garage').criteria.keywords).toEqual(['garage']);
    });

    it('a minimum above the maximum keeps neither and says why', () => {
      const parsed = parseSearchText('over 500k under 300k');
      expect(parsed.criteria.minPrice).toBeUndefined();
      expect(parsed.criteria.maxPrice).toBeUndefined();
      expect(parsed.understood).toEqual([]);
      expect(parsed.notUnderstood).toEqual(['min price $500,000 is above max price $300,000']);
    });
  });

  it('is deterministic', () => {
    const text = '4 bedroom house 300-450k 78745 no HOA near downtown daily';
    expect(parseSearchText(text)).toEqual(parseSearchText(text));
  });
});
