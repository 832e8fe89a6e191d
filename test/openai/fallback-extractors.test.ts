import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractCriteriaFallback } from '../../core/intent/extract-criteria-fallback.ts';
import { extractIntentFallback } from '../../core/intent/extract-intent-fallback.ts';
import { ExtractedCriteria } from '../../core/intent/extracted-criteria.ts';
import { SavedSearchCriteria } from '../../core/search/saved-search.ts';

describe('extractIntentFallback', () => {
  it.each([
    ['Can we see it Saturday?', 'wants_showing'],
    ['Would love a tour of the Elm St house', 'wants_showing'],
    ['can you schedule a showing for tomorrow', 'wants_showing'],
    ['I need to talk to someone about this', 'asks_for_person'],
    ['can I speak with an agent', 'asks_for_person'],
    ['are you a bot?', 'asks_for_person'],
    ['We just got pre-approved!', 'pre_approved'],
    ["we're cash buyers", 'pre_approved'],
    ['just browsing for now, thanks', 'just_browsing'],
    ['ok thanks', 'unknown'],
  ])('reads %j as %s', (text, intent) => {
    expect(extractIntentFallback(text).intent).toBe(intent);
  });

  it('does not mistake "not pre-approved" for a pre-approval', () => {
    expect(extractIntentFallback("we're not pre-approved yet").intent).not.toBe('pre_approved');
  });

  it('puts a showing request first when a message says several things', () => {
    expect(extractIntentFallback("We're pre-approved, can we see it tomorrow?").intent).toBe('wants_showing');
  });
});

describe('extractCriteriaFallback', () => {
  it('reads a typical buyer text into saved-search fields', () => {
    expect(
      extractCriteriaFallback(
        'Looking for a 3 bed 2 bath house in Austin under $550k, 78704 or 78745, with a pool. Pre-approved, moving in 3 months',
      ),
    ).toEqual({
      maxPrice: 550000,
      minBeds: 3,
      minBaths: 2,
      cities: ['Austin'],
      postalCodes: ['78704', '78745'],
      propertyTypes: ['Residential'],
      propertySubTypes: ['SingleFamilyResidence'],
      keywords: ['pool'],
      timelineMonths: 3,
      preApproved: true,
    });
  });

  it('reads price ranges and specific property types', () => {
    expect(extractCriteriaFallback('$400k-$1.2m condo near Round Rock')).toMatchObject({
      minPrice: 400000,
      maxPrice: 1200000,
      cities: ['Round Rock'],
      propertyTypes: ['Residential'],
      propertySubTypes: ['Condominium'],
    });
    expect(extractCriteriaFallback('4br townhome between 300 to 450k').propertySubTypes).toEqual(['Townhouse']);
  });

  it('produces criteria a saved search accepts as they are', () => {
    const c = extractCriteriaFallback('2 bed condo or duplex in 78704 under 450k with a garage');
    expect(SavedSearchCriteria.parse(c)).toMatchObject({
      maxPrice: 450000,
      minBeds: 2,
      postalCodes: ['78704'],
      propertyTypes: ['Residential', 'ResidentialIncome'],
      propertySubTypes: ['Condominium', 'MultiFamily'],
      keywords: ['garage'],
    });
  });

  it('drops a contradictory price pair rather than guessing', () => {
    const c = extractCriteriaFallback('under 300k, at least 500k');
    expect(c.minPrice).toBeUndefined();
    expect(c.maxPrice).toBeUndefined();
  });

  it('always returns valid criteria, whatever it is given', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        expect(ExtractedCriteria.safeParse(extractCriteriaFallback(text)).success).toBe(true);
      }),
    );
  });
});
