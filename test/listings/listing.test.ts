import { describe, expect, it } from 'vitest';
import { Listing } from '../../core/listings/listing.ts';
import { validateListingRow } from '../../core/listings/validate-listing-row.ts';

const row = {
  ListingKey: 'AUS-1',
  StandardStatus: 'Active',
  ListPrice: 650000,
  ModificationTimestamp: '2026-03-01T10:00:00-06:00',
};

describe('Listing', () => {
  it('accepts the display spelling of RESO lookups and stores the OData one', () => {
    const l = Listing.parse({
      ...row,
      StandardStatus: 'Active Under Contract',
      PropertyType: 'Residential Income',
      PropertySubType: 'Single Family Residence',
    });
    expect(l.StandardStatus).toBe('ActiveUnderContract');
    expect(l.PropertyType).toBe('ResidentialIncome');
    expect(l.PropertySubType).toBe('SingleFamilyResidence');
  });

  it('reads CSV-style strings as numbers, booleans and UTC timestamps, and keeps unknown RESO fields', () => {
    const l = Listing.parse({
      ...row,
      ListPrice: '$649,900',
      BedroomsTotal: '3',
      PoolPrivateYN: 'Y',
      PostalCode: 78704,
      LivingArea: '',
      BuyerAgencyCompensation: '2.5',
    });
    expect(l.ListPrice).toBe(649900);
    expect(l.BedroomsTotal).toBe(3);
    expect(l.PoolPrivateYN).toBe(true);
    expect(l.PostalCode).toBe('78704');
    expect(l.LivingArea).toBeUndefined();
    expect(l.ModificationTimestamp).toBe('2026-03-01T16:00:00.000Z');
    expect(l.BuyerAgencyCompensation).toBe('2.5');
  });
});

describe('validateListingRow', () => {
  it('a JSON row cannot supply required fields through a "__proto__" key', () => {
    const hostile = JSON.parse(`{"ListingKey":"AUS-2","StandardStatus":"Active",
      "ModificationTimestamp":"2026-03-01T10:00:00-06:00","__proto__":{"ListPrice":1}}`);
    const refused = validateListingRow(hostile);
    expect(refused.ok).toBe(false);
    expect(refused.ok ? [] : refused.problems).toContainEqual({ field: 'ListPrice', message: 'is required' });
  });

  it('a status given as an object with its own "toString" key is reported, not a crash (fuzz counterexample)', () => {
    const hostile = JSON.parse(`{"ListingKey":"AUS-2","StandardStatus":[{"toString":"\\u0000"}],"ListPrice":1,
      "ModificationTimestamp":"2026-03-01T10:00:00-06:00"}`);
    const refused = validateListingRow(hostile);
    expect(refused.ok ? [] : refused.problems.map((p) => p.field)).toEqual(['StandardStatus']);
    expect(refused.ok ? '' : refused.problems[0].message).toMatch(/^\[\{"toString":""\}\] is not a RESO/);
  });

  it('NUL characters in any field are removed before the row is stored', () => {
    const result = validateListingRow({ ...row, City: 'Aus\u0000tin', Media: [{ Caption: 'Po\u0000ol' }] });
    expect(result.ok && result.listing.City).toBe('Austin');
    expect(result.ok && (result.listing as { Media?: Array<{ Caption: string }> }).Media?.[0].Caption).toBe('Pool');
  });

  it('returns the parsed listing for a good row', () => {
    const result = validateListingRow(row);
    expect(result.ok && result.listing.ListingKey).toBe('AUS-1');
  });

  it('reports every bad field of a row with a readable message', () => {
    const result = validateListingRow({
      ListingKey: ' ',
      StandardStatus: 'Sold',
      ListPrice: 'call agent',
      BedroomsTotal: 2.5,
      Latitude: 123,
    });
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems;
    expect(problems).toEqual(
      expect.arrayContaining([
        { field: 'ListingKey', message: 'is required' },
        { field: 'ListPrice', message: 'must be a number' },
        { field: 'ModificationTimestamp', message: 'is required' },
        { field: 'BedroomsTotal', message: 'must be a whole number' },
        { field: 'Latitude', message: 'must be between -90 and 90' },
      ]),
    );
    expect(problems.find((p) => p.field === 'StandardStatus')?.message).toMatch(
      /"Sold" is not a RESO StandardStatus value/,
    );
  });

  it('rejects a timestamp without a time zone and a row that is not an object', () => {
    const result = validateListingRow({ ...row, ModificationTimestamp: '2026-03-01 10:00' });
    expect(result.ok ? [] : result.problems).toEqual([
      { field: 'ModificationTimestamp', message: 'must be an ISO 8601 timestamp with a time zone' },
    ]);
    expect(validateListingRow(['AUS-1'])).toEqual({
      ok: false,
      problems: [{ field: '(row)', message: 'must be an object of RESO fields' }],
    });
  });
});
