import { describe, expect, it } from 'vitest';
import { createApp } from '../../webhooks/app.ts';
import { makeTenant } from '../helpers/factories.ts';
import { createTestRuntime } from '../helpers/runtime.ts';
import { createHarness, fixture, tenantOwning } from '../ghl-ingest/harness.ts';
import { replayQuarantined } from '../../db/use-cases/inbound/replay-quarantined.ts';

describe('abuse limits', () => {
  it('an API key past its per-minute budget gets 429 JSON with Retry-After; another key is unaffected', async () => {
    const rt = await createTestRuntime({ env: { API_RATE_LIMIT_PER_MINUTE: '3' } });
    const app = createApp(rt);
    const noisy = await makeTenant(rt, { name: 'Noisy' });
    const quiet = await makeTenant(rt, { name: 'Quiet' });
    const get = (key: string) => app.request('/api/v1/leads', { headers: { authorization: `Bearer ${key}` } });

    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await get(noisy.apiKey)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);

    const refused = await get(noisy.apiKey);
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    const body = (await refused.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('too_many_requests');
    expect(body.error.message).toMatch(/3 requests per minute/);
    expect(body.error.message).not.toContain(noisy.apiKey);

    expect((await get(quiet.apiKey)).status).toBe(200);
  });

  it('the open pages are limited per address with an HTML answer, and one address does not block another', async () => {
    const rt = await createTestRuntime({ env: { PAGE_RATE_LIMIT_PER_MINUTE: '2', TRUST_PROXY: 'true' } });
    const app = createApp(rt);
    const open = (path: string, ip: string) => app.request(path, { headers: { 'x-forwarded-for': ip } });

    // A script walking tokens from one address: the forged links answer 404 until the budget is spent.
    expect((await open('/l/forged-token-1', '203.0.113.9')).status).toBe(404);
    expect((await open('/unsubscribe/forged-token-2', '203.0.113.9')).status).not.toBe(429);
    const limited = await open('/l/forged-token-3', '203.0.113.9');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('content-type')).toMatch(/text\/html/);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await limited.text()).toContain('Too many requests');

    expect((await open('/l/forged-token-4', '198.51.100.7')).status).toBe(404);
  });

  it('without TRUST_PROXY a forged X-Forwarded-For does not buy a fresh budget', async () => {
    const rt = await createTestRuntime({ env: { PAGE_RATE_LIMIT_PER_MINUTE: '1' } });
    const app = createApp(rt);
    expect((await app.request('/l/a', { headers: { 'x-forwarded-for': '192.0.2.1' } })).status).toBe(404);
    expect((await app.request('/l/b', { headers: { 'x-forwarded-for': '192.0.2.2' } })).status).toBe(429);
  });
});

describe('a runaway GHL location', () => {
  it('past its per-minute cap, its events are stored quarantined (no jobs), other locations flow, replay applies them', async () => {
    const h = await createHarness({ env: { GHL_LOCATION_EVENTS_PER_MINUTE: '3' } });
    await tenantOwning(h.rt, ['loc-runaway', 'loc-calm']);
    const event = (location: string, n: number) => ({
      ...fixture('ContactCreate.json'),
      locationId: location,
      id: `c-${location}-${n}`,
      webhookId: `wh-${location}-${n}`,
      timestamp: new Date().toISOString(),
    });
    const answers = [];
    for (let n = 0; n < 5; n++) answers.push(await (await h.post(event('loc-runaway', n))).json());
    expect(answers.map((a) => a.status)).toEqual(['accepted', 'accepted', 'accepted', 'quarantined', 'quarantined']);
    expect(answers[3].reason).toMatch(/loc-runaway sent more than 3 events this minute/);
    expect((await (await h.post(event('loc-calm', 0))).json()).status).toBe('accepted');
    expect(await h.jobs('ghl.event')).toBe(4);

    const replayed = await replayQuarantined({ db: h.rt.db, queue: h.rt.queue });
    expect(replayed.filter((r) => r.status === 'accepted')).toHaveLength(2);
    expect(await h.jobs('ghl.event')).toBe(6);
  });
});
