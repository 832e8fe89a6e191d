import { http, HttpResponse } from 'msw';
import { describe, expect, it, onTestFinished } from 'vitest';
import { eq } from 'drizzle-orm';
import { open } from '../../core/crypto/secret-box.ts';
import { fixedClock } from '../../core/time/clock.ts';
import { openDatabase } from '../../db/client.ts';
import { oauthTokens } from '../../db/schema/index.ts';
import { createDbTokenStore, storeInstallTokens } from '../../db/queries/ghl-tokens.ts';
import { createProviders } from '../../jobs/providers.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { createTestRuntime, TEST_ENV } from '../helpers/runtime.ts';
import { server } from '../msw/server.ts';
import { GHL, ghlEndpoint } from '../ghl/ghl-test-server.ts';
import { CONTACT, LOC, runWriteback, seedTeam } from './writeback-fixture.ts';

const SECRET = TEST_ENV.APP_SECRET;
const clock = fixedClock('2026-03-08T07:00:00Z');
const OAUTH_ENV = { GHL_API_URL: GHL, GHL_CLIENT_ID: 'client-id', GHL_CLIENT_SECRET: 'client-secret' };
const expired = {
  accessToken: 'old-access',
  refreshToken: 'old-refresh',
  expiresAt: '2026-03-08T06:59:00Z',
  userType: 'Location' as const,
  scope: 'contacts.write',
};

/** A second worker process on the same database: its own pool on PostgreSQL, its own client cache and single-flight. */
async function secondWorker(rt: Runtime): Promise<Runtime> {
  if (rt.database.kind !== 'postgres') {
    const second: Runtime = { ...rt, providers: createProviders(() => second) };
    return second;
  }
  const database = await openDatabase({ url: rt.database.connectionString!, poolSize: 2 });
  onTestFinished(() => database.close());
  const second: Runtime = { ...rt, database, db: database.db, providers: createProviders(() => second) };
  return second;
}

async function storedRow(rt: Runtime) {
  const [row] = await rt.db.select().from(oauthTokens).where(eq(oauthTokens.locationId, LOC));
  return row;
}

describe('database token store', () => {
  it('of several saves against the same version exactly one wins', async () => {
    const rt = await createTestRuntime();
    await seedTeam(rt);
    const store = createDbTokenStore(rt.db, { secret: SECRET });
    expect(await store.save(LOC, expired, 0)).toBe(true);
    expect(await store.save(LOC, expired, 0)).toBe(false);
    const results = await Promise.all(
      ['a', 'b', 'c', 'd'].map((w) =>
        createDbTokenStore(rt.db, { secret: SECRET }).save(
          LOC,
          { ...expired, refreshLeaseUntil: `2026-03-08T07:00:3${w === 'a' ? 0 : 1}Z` },
          1,
        ),
      ),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await store.get(LOC)).toMatchObject({
      version: 2,
      refreshToken: 'old-refresh',
      userType: 'Location',
      scope: 'contacts.write',
    });
  });

  it('keeps tokens sealed at rest', async () => {
    const rt = await createTestRuntime();
    await seedTeam(rt);
    await storeInstallTokens(rt.db, SECRET, LOC, expired);
    const row = await storedRow(rt);
    expect(row.accessToken).not.toContain('old-access');
    expect(row.refreshToken).not.toContain('old-refresh');
    expect(open(row.refreshToken, SECRET)).toBe('old-refresh');
  });

  it('refuses tokens for a location no tenant owns', async () => {
    const rt = await createTestRuntime();
    await expect(storeInstallTokens(rt.db, SECRET, 'unknown-loc', expired)).rejects.toMatchObject({
      code: 'not_found',
    });
  });
});

describe('OAuth refresh racing two workers', () => {
  it('one refresh reaches GHL, the rotated refresh token is stored (sealed) before the new access token is used', async () => {
    const rt = await createTestRuntime({ env: OAUTH_ENV, clock });
    const { tenant } = await seedTeam(rt);
    await storeInstallTokens(rt.db, SECRET, LOC, expired);
    const other = await secondWorker(rt);

    const refreshes: Array<Record<string, string>> = [];
    server.use(
      http.post(`${GHL}/oauth/token`, async ({ request }) => {
        refreshes.push(Object.fromEntries(new URLSearchParams(await request.text())));
        return HttpResponse.json({
          access_token: 'new-access',
          refresh_token: 'new-refresh',
          expires_in: 86399,
          token_type: 'Bearer',
          userType: 'Location',
          scope: 'contacts.write',
        });
      }),
    );
    const tags = ghlEndpoint('post', `/contacts/${CONTACT}/tags`, { status: 201, json: { tags: ['hot-lead'] } });
    const storedWhenUsed: string[] = [];
    server.use(
      http.post(`${GHL}/contacts/${CONTACT}/tags`, async () => {
        storedWhenUsed.push(open((await storedRow(rt)).refreshToken, SECRET));
        return undefined;
      }),
    );

    const job = { tenantId: tenant.id, op: 'add_tags', args: { contactId: CONTACT, tags: ['hot-lead'] } };
    await Promise.all([runWriteback(rt, job, { id: 'job-a' }), runWriteback(other, job, { id: 'job-b' })]);

    expect(refreshes).toEqual([
      {
        client_id: 'client-id',
        client_secret: 'client-secret',
        grant_type: 'refresh_token',
        refresh_token: 'old-refresh',
        user_type: 'Location',
      },
    ]);
    expect(tags.map((r) => [r.authorization, r.version, r.body])).toEqual([
      ['Bearer new-access', '2021-07-28', { tags: ['hot-lead'] }],
      ['Bearer new-access', '2021-07-28', { tags: ['hot-lead'] }],
    ]);
    expect(storedWhenUsed).toEqual(['new-refresh', 'new-refresh']);
    const row = await storedRow(rt);
    expect(row.refreshToken).not.toContain('new-refresh');
    expect(await createDbTokenStore(rt.db, { secret: SECRET }).get(LOC)).toMatchObject({
      accessToken: 'new-access',
      refreshToken: 'new-refresh',
      expiresAt: '2026-03-09T06:59:59.000Z',
      refreshLeaseUntil: null,
    });
  });
});
