import { describe, expect, it } from 'vitest';
import { createApp } from '../../webhooks/app.ts';
import { createTestRuntime } from '../helpers/runtime.ts';
import { makeLead, makeListings, makeTenant } from '../helpers/factories.ts';

// One sweep over the read API with two teams: each key sees its own data and nothing of the other's.
describe('tenant isolation across the REST API', () => {
  it("a team never reads another team's leads or listings, and a missing or unknown key is refused", async () => {
    const rt = await createTestRuntime();
    const app = createApp(rt);
    const mine = await makeTenant(rt, { name: 'Mine Realty' });
    const theirs = await makeTenant(rt, { name: 'Theirs Homes' });
    const myLead = await makeLead(rt, mine.tenant.id, { name: 'Ana Mine' });
    const theirLead = await makeLead(rt, theirs.tenant.id, { name: 'Bo Theirs' });
    const [theirListing] = await makeListings(rt, theirs.tenant.id, 1);
    const get = (path: string, key?: string) =>
      app.request(path, key ? { headers: { authorization: `Bearer ${key}` } } : {});

    const list = (await (await get('/api/v1/leads', mine.apiKey)).json()) as { data: Array<{ name: string }> };
    expect(list.data.map((l) => l.name)).toEqual(['Ana Mine']);
    expect((await get(`/api/v1/leads/${myLead.id}`, mine.apiKey)).status).toBe(200);
    expect((await get(`/api/v1/leads/${theirLead.id}`, mine.apiKey)).status).toBe(404);
    expect((await get(`/api/v1/listings/${theirListing.ListingKey}`, mine.apiKey)).status).toBe(404);
    expect((await get(`/api/v1/listings/${theirListing.ListingKey}`, theirs.apiKey)).status).toBe(200);
    const missing = await get('/api/v1/leads');
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ error: { code: 'unauthorized' } });
    expect((await get('/api/v1/leads', 'pl_not-a-real-key')).status).toBe(401);
  });
});
