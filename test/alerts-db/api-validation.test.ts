import { describe, expect, it } from 'vitest';
import { createTestRuntime, fixedClock } from '../helpers/runtime.ts';
import { createApp } from '../../webhooks/app.ts';
import { createTeam } from './team.ts';

// Crafted query strings and bodies must come back as a 4xx naming the problem, never a 500.
describe('REST input that would otherwise reach Postgres malformed', () => {
  it('answers 400 for a forged cursor, and 422 for an out-of-range date and rules Postgres could not store', async () => {
    const rt = await createTestRuntime({ clock: fixedClock('2026-03-11T17:00:00Z') });
    const team = await createTeam(rt, { ana: { role: 'manager' } });
    const app = createApp(rt);
    const auth = { authorization: `Bearer ${team.apiKey}` };
    const forged = Buffer.from(JSON.stringify([1.5, 'x'])).toString('base64url');
    const leads = await app.request(`/api/v1/leads?cursor=${forged}`, { headers: auth });
    expect(leads.status).toBe(400);
    const alertsPage = await app.request(
      `/api/v1/alerts?cursor=${Buffer.from(JSON.stringify(['-100000-01-01T00:00:00Z', 'x'])).toString('base64url')}`,
      { headers: auth },
    );
    expect(alertsPage.status).toBe(400);
    // A date Postgres cannot hold fails the query schema: 422 naming the parameter, like a body.
    const stats = await app.request('/api/v1/stats/speed-to-lead?since=-100000-01-01T00:00:00Z', { headers: auth });
    expect(stats.status).toBe(422);
    expect(await stats.json()).toMatchObject({
      error: { code: 'validation_failed', message: expect.stringMatching(/^since: /) },
    });

    const huge = await app.request('/api/v1/routing-rules', {
      method: 'PUT',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify([
        { name: 'everyone', position: 3_000_000_000, condition: null, strategy: 'round_robin', pool: {} },
      ]),
    });
    expect(huge.status).toBe(422);

    const saved = await app.request('/api/v1/routing-rules', {
      method: 'PUT',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify([{ name: 'everyone', condition: null, strategy: 'round_robin', pool: {} }]),
    });
    expect(saved.status).toBe(200);
    const [rule] = (
      (await (await app.request('/api/v1/routing-rules', { headers: auth })).json()) as { rules: Array<{ id: string }> }
    ).rules;
    // The same stored id twice in one list: the copy gets a new id instead of a key clash.
    const twice = await app.request('/api/v1/routing-rules', {
      method: 'PUT',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify([
        { id: rule.id, name: 'south', condition: { field: 'city', in: ['Austin'] }, strategy: 'round_robin', pool: {} },
        { id: rule.id, name: 'everyone', condition: null, strategy: 'round_robin', pool: {} },
      ]),
    });
    expect(twice.status).toBe(200);
  });
});
