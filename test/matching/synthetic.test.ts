import { describe, expect, it } from 'vitest';
import { Listing } from '../../core/listings/listing.ts';
import { SavedSearch } from '../../core/search/saved-search.ts';
import { createRng } from '../../core/synthetic/create-rng.ts';
import { generateLeads } from '../../core/synthetic/generate-leads.ts';
import { generateListings } from '../../core/synthetic/generate-listings.ts';
import { generateSavedSearches } from '../../core/synthetic/generate-saved-searches.ts';
import { METROS } from '../../core/synthetic/metros.ts';

describe('synthetic data', () => {
  it('is the same for the same seed and different for another', () => {
    expect(generateListings(createRng(5), 50)).toEqual(generateListings(createRng(5), 50));
    expect(generateSavedSearches(createRng('demo'), 50)).toEqual(generateSavedSearches(createRng('demo'), 50));
    expect(generateLeads(createRng(5), 20)).toEqual(generateLeads(createRng(5), 20));
    expect(generateListings(createRng(6), 50)).not.toEqual(generateListings(createRng(5), 50));
  });

  it('produces valid RESO listings in the chosen metro, near their ZIP', () => {
    const tampaZips = new Map(METROS.tampa.zips.map((z) => [z.postalCode, z]));
    const listings = generateListings(createRng(11), 500, { metros: ['tampa'] });
    for (const l of listings) {
      expect(Listing.parse(l)).toEqual(l);
      const zip = tampaZips.get(l.PostalCode!);
      expect(zip?.city).toBe(l.City);
      expect(Math.abs(l.Latitude! - zip!.lat)).toBeLessThan(0.1);
      expect(l.StateOrProvince).toBe('FL');
    }
    expect(new Set(listings.map((l) => l.ListingKey)).size).toBe(500);
    const active = listings.filter((l) => l.StandardStatus === 'Active').length / listings.length;
    expect(active).toBeGreaterThan(0.6);
    expect(listings.some((l) => (l.OriginalListPrice ?? 0) > l.ListPrice)).toBe(true);
  });

  it('prices follow the market: Austin 78703 above Austin 78744', () => {
    const listings = generateListings(createRng(3), 4000, { metros: ['austin'] }).filter(
      (l) => l.PropertySubType === 'SingleFamilyResidence',
    );
    const median = (zip: string) => {
      const ppsf = listings
        .filter((l) => l.PostalCode === zip)
        .map((l) => l.ListPrice / l.LivingArea!)
        .sort((a, b) => a - b);
      return ppsf[ppsf.length >> 1];
    };
    expect(median('78703')).toBeGreaterThan(median('78744') * 2);
  });

  it('produces valid saved searches and leads with fictional contact details', () => {
    for (const s of generateSavedSearches(createRng(4), 300)) expect(SavedSearch.parse(s)).toEqual(s);
    for (const lead of generateLeads(createRng(4), 300)) {
      expect(lead.phone).toMatch(/^\+1\d{3}55501\d{2}$/);
      expect(lead.email).toMatch(/@example\.com$/);
      expect(lead.budget.max).toBeGreaterThan(0);
    }
  });
});
