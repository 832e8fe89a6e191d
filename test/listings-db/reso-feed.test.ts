import { describe, expect, it } from 'vitest';
import { http, HttpResponse } from 'msw';
import { and, eq } from 'drizzle-orm';
import { listings, syncState } from '../../db/schema/index.ts';
import { createTenant } from '../../db/queries/tenants.ts';
import { createTestRuntime, fixedClock } from '../helpers/runtime.ts';
import { server } from '../msw/server.ts';
import { austinHome, drain, queued, NOW } from './listings-fixture.ts';

const RESO = 'https://reso.mls.test/odata';
const env = { RESO_API_URL: RESO, RESO_TOKEN: 'reso-secret-token' };

/** A fake MLS: records the requests it gets and serves pages by their URL. */
function fakeFeed(pages: Record<string, { value: unknown[]; '@odata.nextLink'?: string }>) {
  const seen: Array<{ url: URL; authorization: string | null }> = [];
  server.use(
    http.get(`${RESO}/Property`, ({ request }) => {
      const url = new URL(request.url);
      seen.push({ url, authorization: request.headers.get('authorization') });
      const key = url.searchParams.get('page') ?? url.searchParams.get('$filter') ?? 'first';
      const answer = pages[key];
      if (answer === undefined) return HttpResponse.json({ error: `unexpected ${request.url}` }, { status: 400 });
      return HttpResponse.json(answer);
    }),
    // Open houses follow the properties (test/automations/open-house.test.ts); this MLS has none yet.
    http.get(`${RESO}/OpenHouse`, () => HttpResponse.json({ value: [] })),
  );
  return seen;
}

describe('listing.sync: the RESO Web API feed', () => {
  it('asks with the exact OData query and bearer token, follows nextLink, then resumes from its watermark', async () => {
    const rt = await createTestRuntime({ env, clock: fixedClock(NOW) });
    const { tenant } = await createTenant(rt.db, { name: 'Hill Country Homes' });
    const seen = fakeFeed({
      first: {
        value: [
          austinHome({ ModificationTimestamp: '2026-03-01T08:00:00Z' }),
          austinHome({ ListingKey: 'ATX-2', ModificationTimestamp: '2026-03-01T09:00:00Z' }),
        ],
        '@odata.nextLink': `${RESO}/Property?page=2`,
      },
      2: {
        value: [
          austinHome({ ListingKey: 'ATX-3', ModificationTimestamp: '2026-03-01T10:00:00Z' }),
          { ListingKey: 'BROKEN', StandardStatus: 'Active', ModificationTimestamp: '2026-03-01T10:30:00Z' },
        ],
      },
    });
    await rt.queue.enqueue('listing.sync', {});
    await drain(rt, ['listing.sync']);

    expect(seen).toHaveLength(2);
    const first = seen[0];
    expect(first.authorization).toBe('Bearer reso-secret-token');
    expect(first.url.pathname).toBe('/odata/Property');
    expect(first.url.searchParams.get('$filter')).toBeNull();
    expect(first.url.searchParams.get('$orderby')).toBe('ModificationTimestamp asc');
    expect(first.url.searchParams.get('$top')).toBe('200');
    expect(first.url.search).toContain('$orderby=ModificationTimestamp%20asc');
    expect(seen[1].url.searchParams.get('page')).toBe('2');
    expect(seen.every((s) => s.authorization === 'Bearer reso-secret-token')).toBe(true);

    const keys = (await rt.db.select({ key: listings.listingKey, source: listings.source }).from(listings))
      .map((r) => `${r.key}:${r.source}`)
      .sort();
    expect(keys).toEqual(['ATX-1:reso', 'ATX-2:reso', 'ATX-3:reso']);
    const [state] = await rt.db
      .select()
      .from(syncState)
      .where(and(eq(syncState.tenantId, tenant.id), eq(syncState.source, 'reso')));
    expect(state.watermark).toBe('2026-03-01T10:30:00.000Z');
    expect(state.meta).toMatchObject({ pages: 2, upserted: 3, rejected: 1 });
    expect((await queued(rt, 'listing.changed')).map((j) => j.listingKey).sort()).toEqual(['ATX-1', 'ATX-2', 'ATX-3']);

    // Next run: only what changed after the watermark; a replayed record is harmless.
    const resumed = fakeFeed({
      'ModificationTimestamp gt 2026-03-01T10:30:00.000Z': {
        value: [
          austinHome({ ListingKey: 'ATX-3', ModificationTimestamp: '2026-03-01T10:00:00Z' }),
          austinHome({ ListPrice: 520_000, ModificationTimestamp: '2026-03-02T08:00:00Z' }),
        ],
      },
    });
    await rt.queue.enqueue('listing.sync', { tenantId: tenant.id });
    await drain(rt, ['listing.sync']);
    expect(resumed).toHaveLength(1);
    expect(resumed[0].url.search).toContain('$filter=ModificationTimestamp%20gt%202026-03-01T10%3A30%3A00.000Z');
    expect((await queued(rt, 'listing.changed')).map((j) => j.changeType)).toEqual(['PriceChange']);
    const [again] = await rt.db
      .select()
      .from(syncState)
      .where(and(eq(syncState.tenantId, tenant.id), eq(syncState.source, 'reso')));
    expect(again.watermark).toBe('2026-03-02T08:00:00.000Z');
  });

  it('retries a transient failure and keeps the watermark short of a page boundary tie', async () => {
    const rt = await createTestRuntime({ env, clock: fixedClock(NOW) });
    const { tenant } = await createTenant(rt.db, { name: 'Hill Country Homes' });
    let calls = 0;
    server.use(
      http.get(`${RESO}/Property`, ({ request }) => {
        calls++;
        if (calls === 1) return new HttpResponse(null, { status: 503 });
        const page = new URL(request.url).searchParams.get('page');
        if (page === '2') return new HttpResponse(null, { status: 500 });
        return HttpResponse.json({
          value: [
            austinHome({ ModificationTimestamp: '2026-03-01T08:00:00Z' }),
            austinHome({ ListingKey: 'ATX-2', ModificationTimestamp: '2026-03-01T09:00:00Z' }),
          ],
          '@odata.nextLink': `${RESO}/Property?page=2`,
        });
      }),
    );
    await rt.queue.enqueue('listing.sync', { tenantId: tenant.id });
    await expect(drain(rt, ['listing.sync'])).rejects.toThrow(/RESO feed answered 500/);
    const [state] = await rt.db
      .select()
      .from(syncState)
      .where(and(eq(syncState.tenantId, tenant.id), eq(syncState.source, 'reso')));
    // Page 1 is stored; ATX-2 at 09:00 might share its timestamp with page 2, so the watermark stops before it.
    expect(state.watermark).toBe('2026-03-01T08:00:00.000Z');
    expect((await rt.db.select().from(listings)).length).toBe(2);
  }, 30_000);
});
