import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../core/time/clock.ts';
import { createGhlClient } from '../../integrations/ghl/ghl-client.ts';
import { oauthAuth } from '../../integrations/ghl/ghl-oauth.ts';
import { createMemoryTokenStore, type TokenStore } from '../../core/ghl/token-store.ts';
import { server } from '../msw/server.ts';
import { GHL, ghlEndpoint } from './ghl-test-server.ts';

const LOC = 'l1C08ntBrFjLS0elLIYU';
const clock = fixedClock('2026-03-08T07:00:00Z');
const expired = {
  accessToken: 'old-access',
  refreshToken: 'old-refresh',
  expiresAt: '2026-03-08T06:59:00Z',
  userType: 'Location' as const,
};
const tokenResponse = {
  access_token: 'new-access',
  token_type: 'Bearer',
  expires_in: 86399,
  refresh_token: 'new-refresh',
  scope: 'contacts.readonly',
  userType: 'Location',
  locationId: LOC,
  companyId: 'c1',
  userId: 'u1',
};

interface RefreshCall {
  contentType: string | null;
  version: string | null;
  form: Record<string, string>;
}

/** GHL's token endpoint; answers once `gate` resolves, so tests can hold a refresh in flight. */
function tokenEndpoint(
  gate: Promise<void> = Promise.resolve(),
  reply: () => Response = () => HttpResponse.json(tokenResponse),
  onCall: (n: number) => void = () => {},
): RefreshCall[] {
  const calls: RefreshCall[] = [];
  server.use(
    http.post(`${GHL}/oauth/token`, async ({ request }) => {
      calls.push({
        contentType: request.headers.get('content-type'),
        version: request.headers.get('version'),
        form: Object.fromEntries(new URLSearchParams(await request.text())),
      });
      onCall(calls.length);
      await gate;
      return reply();
    }),
  );
  return calls;
}

function client(store: TokenStore, sleep: (ms: number) => Promise<void> = async () => {}) {
  const auth = oauthAuth({
    store,
    clientId: 'client-id',
    clientSecret: 'client-secret',
    baseUrl: GHL,
    clock,
    sleep,
    leaseMs: 600_000,
  });
  return createGhlClient({ auth, baseUrl: GHL, clock, sleep: async () => {} });
}

/** Contact endpoint that also records which refresh token was stored when each request arrived. */
function contactEndpoint(store: TokenStore) {
  const storedAtRequest: string[] = [];
  const seen = ghlEndpoint('get', '/contacts/c1', { json: { contact: { id: 'c1' } } });
  server.use(
    http.get(`${GHL}/contacts/c1`, async () => {
      storedAtRequest.push((await store.get(LOC))!.refreshToken);
      return undefined;
    }),
  );
  return { seen, storedAtRequest };
}

describe('GHL OAuth', () => {
  it('two workers racing on one store: one refresh reaches GHL, both use the new token, the rotated refresh token is stored first', async () => {
    const store = createMemoryTokenStore({ [LOC]: expired });
    let someoneWaits!: () => void;
    const gate = new Promise<void>((r) => {
      someoneWaits = r;
    });
    // The loser polls the store; the refresh answers only once it is waiting, so the race is real.
    const sleep = async () => {
      someoneWaits();
      await new Promise((r) => setTimeout(r, 2));
    };
    // A second refresh reaching GHL also opens the gate, so a broken lease fails fast instead of hanging.
    const refreshes = tokenEndpoint(gate, undefined, (n) => {
      if (n > 1) someoneWaits();
    });
    const { seen, storedAtRequest } = contactEndpoint(store);

    const [a, b] = await Promise.all([
      client(store, sleep).getContact(LOC, 'c1'),
      client(store, sleep).getContact(LOC, 'c1'),
    ]);

    expect(a.id).toBe('c1');
    expect(b.id).toBe('c1');
    expect(refreshes).toEqual([
      {
        contentType: 'application/x-www-form-urlencoded',
        version: null,
        form: {
          client_id: 'client-id',
          client_secret: 'client-secret',
          grant_type: 'refresh_token',
          refresh_token: 'old-refresh',
          user_type: 'Location',
        },
      },
    ]);
    expect(seen.map((r) => r.authorization)).toEqual(['Bearer new-access', 'Bearer new-access']);
    expect(storedAtRequest).toEqual(['new-refresh', 'new-refresh']);
    expect(await store.get(LOC)).toMatchObject({
      accessToken: 'new-access',
      refreshToken: 'new-refresh',
      expiresAt: '2026-03-09T06:59:59.000Z',
      refreshLeaseUntil: null,
    });
  });

  it('shares one refresh between concurrent calls in one process', async () => {
    const store = createMemoryTokenStore({ [LOC]: expired });
    const refreshes = tokenEndpoint();
    const { seen } = contactEndpoint(store);
    const ghl = client(store);
    await Promise.all([ghl.getContact(LOC, 'c1'), ghl.getContact(LOC, 'c1'), ghl.getContact(LOC, 'c1')]);
    expect(refreshes).toHaveLength(1);
    expect(seen.map((r) => r.authorization)).toEqual(Array(3).fill('Bearer new-access'));
  });

  it('uses a fresh stored token without refreshing', async () => {
    const store = createMemoryTokenStore({ [LOC]: { ...expired, expiresAt: '2026-03-09T07:00:00Z' } });
    const refreshes = tokenEndpoint();
    const { seen } = contactEndpoint(store);
    await client(store).getContact(LOC, 'c1');
    expect(refreshes).toHaveLength(0);
    expect(seen[0].authorization).toBe('Bearer old-access');
  });

  it('refreshes once and retries when GHL rejects a token it had not expired yet', async () => {
    const store = createMemoryTokenStore({ [LOC]: { ...expired, expiresAt: '2026-03-09T07:00:00Z' } });
    const refreshes = tokenEndpoint();
    const seen = ghlEndpoint(
      'get',
      '/contacts/c1',
      { status: 401, json: { statusCode: 401, message: 'Invalid JWT' } },
      { json: { contact: { id: 'c1' } } },
    );
    expect(await client(store).getContact(LOC, 'c1')).toMatchObject({ id: 'c1' });
    expect(refreshes).toHaveLength(1);
    expect(seen.map((r) => r.authorization)).toEqual(['Bearer old-access', 'Bearer new-access']);
  });

  it('a refused refresh fails with unauthorized and releases the lease so the next attempt can try', async () => {
    const store = createMemoryTokenStore({ [LOC]: expired });
    tokenEndpoint(Promise.resolve(), () =>
      HttpResponse.json({ error: 'invalid_grant', error_description: 'Invalid refresh token' }, { status: 400 }),
    );
    await expect(client(store).getContact(LOC, 'c1')).rejects.toMatchObject({
      code: 'unauthorized',
      message: 'GHL token refresh failed with HTTP 400',
    });
    expect(await store.get(LOC)).toMatchObject({ refreshToken: 'old-refresh', refreshLeaseUntil: null });
  });

  it('says which location has no tokens', async () => {
    await expect(client(createMemoryTokenStore()).getContact(LOC, 'c1')).rejects.toMatchObject({
      code: 'unauthorized',
      message: expect.stringContaining(LOC),
    });
  });
});
