import { describe, expect, it } from 'vitest';
import { createTenant } from '../../db/queries/tenants.ts';
import { createApp } from '../../webhooks/app.ts';
import { austinHome, drain, queued, team } from './listings-fixture.ts';

const call = (app: ReturnType<typeof createApp>, apiKey: string, method: string, path: string, body?: unknown) =>
  app.request(path, {
    method,
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

describe('REST: listings and saved searches', () => {
  it('POST /api/v1/listings answers exactly the §7 shape', async () => {
    const t = await team();
    const app = createApp(t.rt);
    const res = await call(app, t.apiKey, 'POST', '/api/v1/listings', {
      listings: [austinHome(), { ListingKey: 'BAD', StandardStatus: 'Active', ModificationTimestamp: 'yesterday' }],
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      upserted: 1,
      changes: [{ listingKey: 'ATX-1', changeType: 'NewListing' }],
      rejected: [
        { index: 1, field: 'ListPrice', message: 'is required' },
        { index: 1, field: 'ModificationTimestamp', message: 'must be an ISO 8601 timestamp with a time zone' },
      ],
    });
    const bad = await call(app, t.apiKey, 'POST', '/api/v1/listings', { items: [] });
    expect(bad.status).toBe(422);
    expect((await bad.json()).error.message).toMatch(/^listings: /);
  });

  it('POST /api/v1/saved-searches validates by field, checks the lead, queues matching and finds the listing', async () => {
    const t = await team();
    const app = createApp(t.rt);
    await call(app, t.apiKey, 'POST', '/api/v1/listings', { listings: [austinHome()] });
    await drain(t.rt);

    const invalid = await call(app, t.apiKey, 'POST', '/api/v1/saved-searches', {
      leadId: t.ana.id,
      maxPrice: -5,
      postalCodes: ['787'],
      near: { lat: 30.2, lon: -97.7, miles: 0 },
      frequency: 'hourly',
    });
    expect(invalid.status).toBe(422);
    const message = (await invalid.json()).error.message as string;
    for (const field of ['maxPrice', 'postalCodes.0', 'near.miles', 'frequency'])
      expect(message).toContain(`${field}: `);

    const other = await createTenant(t.rt.db, { name: 'Elsewhere Realty' });
    const foreignLead = await call(app, other.apiKey, 'POST', '/api/v1/saved-searches', {
      leadId: t.ana.id,
      maxPrice: 600_000,
    });
    expect(foreignLead.status).toBe(422);
    expect((await foreignLead.json()).error.message).toMatch(/^leadId: /);

    const created = await call(app, t.apiKey, 'POST', '/api/v1/saved-searches', {
      leadId: t.ana.id,
      minPrice: 400_000,
      maxPrice: 600_000,
      minBeds: 3,
      minBaths: 2,
      cities: ['Austin'],
      postalCodes: [],
      propertyTypes: ['Residential'],
      keywords: ['Pool'],
      frequency: 'instant',
    });
    expect(created.status).toBe(201);
    const search = await created.json();
    expect(search).toMatchObject({
      id: expect.any(String),
      leadId: t.ana.id,
      maxPrice: 600_000,
      cities: ['Austin'],
      keywords: ['pool'],
      near: null,
      frequency: 'instant',
    });
    await drain(t.rt);

    const listing = await call(app, t.apiKey, 'GET', '/api/v1/listings/ATX-1');
    expect(listing.status).toBe(200);
    const body = await listing.json();
    expect(body).toMatchObject({
      ListingKey: 'ATX-1',
      ListPrice: 540_000,
      City: 'Austin',
      StandardStatus: 'Active',
      dealScore: expect.any(Number),
    });
    expect(body.dealReasons.length).toBeGreaterThan(0);
    expect(body.matches).toEqual([
      expect.objectContaining({ leadId: t.ana.id, savedSearchId: search.id, score: expect.any(Number) }),
    ]);
  });

  it("one tenant never sees another tenant's listing", async () => {
    const t = await team();
    const app = createApp(t.rt);
    await call(app, t.apiKey, 'POST', '/api/v1/listings', { listings: [austinHome()] });
    const other = await createTenant(t.rt.db, { name: 'Elsewhere Realty' });
    const res = await call(app, other.apiKey, 'GET', '/api/v1/listings/ATX-1');
    expect(res.status).toBe(404);
    expect(
      (await call(app, other.apiKey, 'POST', '/api/v1/listings', { listings: [austinHome({ ListPrice: 1 })] })).status,
    ).toBe(200);
    const mine = await (await call(app, t.apiKey, 'GET', '/api/v1/listings/ATX-1')).json();
    expect(mine.ListPrice).toBe(540_000);
    expect((await call(app, 'not-a-key', 'GET', '/api/v1/listings/ATX-1')).status).toBe(401);
    await queued(t.rt, 'listing.changed');
  });
});
