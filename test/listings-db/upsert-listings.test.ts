import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { listingChanges, listings } from '../../db/schema/index.ts';
import { upsertListings } from '../../db/use-cases/listings/upsert-listings.ts';
import { austinHome, queued, team } from './listings-fixture.ts';

const at = (minutes: number) => new Date(Date.parse('2026-03-01T10:00:00Z') + minutes * 60_000).toISOString();

describe('upsertListings: the one door for every source', () => {
  it('records every RESO change type with a listing.changed job, in order', async () => {
    const { rt, tenant } = await team();
    const steps: Array<[Record<string, unknown>, string[]]> = [
      [{ StandardStatus: 'Active' }, ['NewListing']],
      [{ ListPrice: 515_000 }, ['PriceChange']],
      [{ StandardStatus: 'Pending' }, ['Pending']],
      [{ StandardStatus: 'Active' }, ['BackOnMarket']],
      [{ StandardStatus: 'Withdrawn' }, ['Withdrawn']],
      [{ StandardStatus: 'Active', ListPrice: 499_000 }, ['BackOnMarket', 'PriceChange']],
      [{ StandardStatus: 'Expired' }, ['Expired']],
      [{ StandardStatus: 'Active' }, ['BackOnMarket']],
      [{ StandardStatus: 'Closed', ClosePrice: 495_000 }, ['Closed']],
    ];
    let version = austinHome();
    for (const [i, [change, expected]] of steps.entries()) {
      version = { ...version, ...change, ModificationTimestamp: at(i * 60) };
      const result = await upsertListings(rt, { tenantId: tenant.id, listings: [version], source: 'api' });
      expect(
        result.changes.map((c) => c.changeType),
        `step ${i}`,
      ).toEqual(expected);
      expect(result.upserted).toBe(1);
    }
    const jobs = await queued(rt, 'listing.changed');
    // pg-boss does not promise fetch order for jobs created in the same instant; the set is what counts.
    expect(jobs.map((j) => j.changeType).sort()).toEqual(steps.flatMap(([, e]) => e).sort());
    expect(
      jobs.every((j) => j.tenantId === tenant.id && j.listingKey === 'ATX-1' && typeof j.changeId === 'string'),
    ).toBe(true);
    const history = await rt.db.select().from(listingChanges).where(eq(listingChanges.tenantId, tenant.id));
    expect(history).toHaveLength(10);
    expect(history.find((h) => h.changeType === 'PriceChange')).toMatchObject({
      previousPrice: 540_000,
      newPrice: 515_000,
    });
    const [stored] = await rt.db.select().from(listings).where(eq(listings.listingKey, 'ATX-1'));
    expect(stored).toMatchObject({ standardStatus: 'Closed', listPrice: 499_000 });
  });

  it('a replayed or older version changes nothing and queues nothing', async () => {
    const { rt, tenant } = await team();
    const v1 = austinHome();
    const v2 = { ...v1, ListPrice: 525_000, ModificationTimestamp: at(60) };
    await upsertListings(rt, { tenantId: tenant.id, listings: [v1, v2], source: 'reso' });
    await queued(rt, 'listing.changed');

    const replay = await upsertListings(rt, {
      tenantId: tenant.id,
      listings: [v1, v2, { ...v1, ListPrice: 1 }],
      source: 'reso',
    });
    expect(replay).toMatchObject({ upserted: 0, changes: [], rejected: [], unchanged: 3 });
    expect(await queued(rt, 'listing.changed')).toEqual([]);
    const [stored] = await rt.db
      .select()
      .from(listings)
      .where(and(eq(listings.tenantId, tenant.id), eq(listings.listingKey, 'ATX-1')));
    expect(stored.listPrice).toBe(525_000);
  });

  it('reports each bad row by position and field while the good rows are stored', async () => {
    const { rt, tenant } = await team();
    const result = await upsertListings(rt, {
      tenantId: tenant.id,
      source: 'api',
      listings: [
        austinHome(),
        austinHome({ ListingKey: 'ATX-2', ListPrice: 'call me' }),
        austinHome({ ListingKey: 'ATX-3', StandardStatus: 'Sold' }),
        austinHome({ ListingKey: 'ATX-4' }),
      ],
    });
    expect(result.upserted).toBe(2);
    expect(result.rejected).toEqual([
      { index: 1, field: 'ListPrice', message: 'must be a number' },
      {
        index: 2,
        field: 'StandardStatus',
        message: expect.stringContaining('"Sold" is not a RESO StandardStatus value'),
      },
    ]);
    const keys = (
      await rt.db.select({ key: listings.listingKey }).from(listings).where(eq(listings.tenantId, tenant.id))
    )
      .map((r) => r.key)
      .sort();
    expect(keys).toEqual(['ATX-1', 'ATX-4']);
  });

  it('scores the deal against comparables in the same postal code and type, including the same batch', async () => {
    const { rt, tenant } = await team();
    const comps = [1, 2, 3, 4].map((n) =>
      austinHome({ ListingKey: `CMP-${n}`, ListPrice: 600_000 + n * 5000, LivingArea: 2000 }),
    );
    const bargain = austinHome({
      ListingKey: 'DEAL',
      ListPrice: 480_000,
      LivingArea: 2000,
      OriginalListPrice: 520_000,
    });
    await upsertListings(rt, { tenantId: tenant.id, listings: [...comps, bargain], source: 'import' });
    const [row] = await rt.db.select().from(listings).where(eq(listings.listingKey, 'DEAL'));
    expect(row.dealScore).toBeGreaterThan(70);
    expect(row.dealReasons.map((r) => r.factor)).toEqual(expect.arrayContaining(['price_per_sqft', 'price_cut']));
    expect(row.dealReasons.find((r) => r.factor === 'price_per_sqft')!.text).toMatch(
      /below the .* median of 4 comparables in 78704/,
    );
  });
});
