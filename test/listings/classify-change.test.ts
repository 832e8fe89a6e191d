import { describe, expect, it } from 'vitest';
import { classifyChange } from '../../core/listings/classify-change.ts';
import { Listing } from '../../core/listings/listing.ts';
import type { StandardStatus } from '../../core/listings/reso-lookups.ts';

const stored = Listing.parse({
  ListingKey: 'AUS-1',
  StandardStatus: 'Active',
  ListPrice: 625000,
  ModificationTimestamp: '2026-03-01T10:00:00Z',
});
const later = (changes: Partial<Listing>): Listing => ({
  ...stored,
  ModificationTimestamp: '2026-03-02T10:00:00.000Z',
  ...changes,
});
const types = (previous: Listing | null, next: Listing) => classifyChange(previous, next).map((c) => c.changeType);

describe('classifyChange', () => {
  it('a first sighting of an active listing is a NewListing', () => {
    expect(classifyChange(null, stored)).toEqual([
      {
        listingKey: 'AUS-1',
        changeType: 'NewListing',
        previousPrice: null,
        newPrice: 625000,
        previousStatus: null,
        newStatus: 'Active',
        modificationTimestamp: '2026-03-01T10:00:00.000Z',
      },
    ]);
  });

  it('a first sighting in another status reports that status, and Incomplete reports nothing', () => {
    expect(types(null, { ...stored, StandardStatus: 'ComingSoon' })).toEqual(['ComingSoon']);
    expect(types(null, { ...stored, StandardStatus: 'Closed' })).toEqual(['Closed']);
    expect(types(null, { ...stored, StandardStatus: 'Incomplete' })).toEqual([]);
  });

  it('a new price is a PriceChange with both prices', () => {
    const [change] = classifyChange(stored, later({ ListPrice: 599000 }));
    expect(change).toMatchObject({
      changeType: 'PriceChange',
      previousPrice: 625000,
      newPrice: 599000,
      previousStatus: 'Active',
      newStatus: 'Active',
    });
  });

  it.each<[StandardStatus, string]>([
    ['Pending', 'Pending'],
    ['Closed', 'Closed'],
    ['Withdrawn', 'Withdrawn'],
    ['Expired', 'Expired'],
    ['Canceled', 'Canceled'],
    ['ActiveUnderContract', 'ActiveUnderContract'],
    ['Hold', 'Hold'],
    ['ComingSoon', 'ComingSoon'],
    ['Delete', 'Deleted'],
  ])('moving to %s is %s', (status, changeType) => {
    expect(classifyChange(stored, later({ StandardStatus: status }))).toEqual([
      expect.objectContaining({ changeType, previousStatus: 'Active', newStatus: status }),
    ]);
  });

  it.each<StandardStatus>(['Withdrawn', 'Expired', 'Canceled', 'Hold', 'Pending', 'ActiveUnderContract', 'Closed'])(
    'returning to Active from %s is BackOnMarket',
    (status) => {
      expect(types({ ...stored, StandardStatus: status }, later({ StandardStatus: 'Active' }))).toEqual([
        'BackOnMarket',
      ]);
    },
  );

  it('Coming Soon going live is Active; Incomplete going live is a NewListing', () => {
    expect(types({ ...stored, StandardStatus: 'ComingSoon' }, later({ StandardStatus: 'Active' }))).toEqual(['Active']);
    expect(types({ ...stored, StandardStatus: 'Incomplete' }, later({ StandardStatus: 'Active' }))).toEqual([
      'NewListing',
    ]);
  });

  it('back on market at a lower price gives both changes', () => {
    expect(
      types({ ...stored, StandardStatus: 'Withdrawn' }, later({ StandardStatus: 'Active', ListPrice: 575000 })),
    ).toEqual(['BackOnMarket', 'PriceChange']);
  });

  it('an edit that changes neither price nor status is not a change', () => {
    expect(types(stored, later({ PublicRemarks: 'New roof' }))).toEqual([]);
  });

  it('replays and older versions change nothing', () => {
    expect(types(stored, { ...stored, ListPrice: 1 })).toEqual([]);
    expect(
      types(stored, {
        ...stored,
        ListPrice: 1,
        StandardStatus: 'Closed',
        ModificationTimestamp: '2026-02-01T00:00:00.000Z',
      }),
    ).toEqual([]);
  });
});
