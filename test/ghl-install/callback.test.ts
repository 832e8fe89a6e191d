import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { open } from '../../core/crypto/secret-box.ts';
import { issueGhlInstallState } from '../../core/ghl/install-link.ts';
import { auditLog, oauthTokens, oauthTokenState, tenantLocations } from '../../db/schema/index.ts';
import { createTenant } from '../../db/queries/tenants.ts';
import { ghlLocationConnections } from '../../db/queries/ghl-locations.ts';
import { ghlLocationView } from '../../bin/commands/connect.ts';
import { fixedClock, TEST_ENV } from '../helpers/runtime.ts';
import {
  createInstallHarness,
  ghlLocationEndpoint,
  ghlTokenEndpoint,
  LOCATION,
  NOTHING_STORED,
  OAUTH_ENV,
  storedInstallRows,
  TOKEN_ERROR_RESPONSE,
  TOKEN_RESPONSE,
} from './install-harness.ts';

const SECRET = TEST_ENV.APP_SECRET;

async function team(options: { clock?: ReturnType<typeof fixedClock> } = {}) {
  const h = await createInstallHarness(options);
  const { tenant } = await createTenant(h.rt.db, { name: 'Lone Star Homes' });
  return { h, tenant };
}

/** Every refusal is a page a person can read, with a 4xx and no caching of the code-bearing URL. */
async function expectRefusalPage(res: Response, status: number, text: RegExp) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^text\/html/);
  expect(res.headers.get('cache-control')).toBe('no-store');
  const html = await res.text();
  expect(html).toContain('<meta name="viewport"');
  expect(html).toContain('GHL was not connected');
  expect(html).toContain('Nothing was stored');
  expect(html).toMatch(text);
}

describe('GET /oauth/ghl/callback', () => {
  it('exchanges the code, stores the tokens sealed, links the location and says what was connected', async () => {
    const clock = fixedClock('2026-03-10T15:00:00Z');
    const { h, tenant } = await team({ clock });
    const state = await h.installState(tenant.id);
    const forms = ghlTokenEndpoint();
    const locationCalls = ghlLocationEndpoint();
    clock.advance(60_000);

    const res = await h.callback({ code: 'auth-code-1', state });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<meta name="viewport" content="width=device-width,initial-scale=1">');
    expect(html).toContain('Connected Hill Country Realty');
    expect(html).toContain(`(${LOCATION})</span> to Lone Star Homes.`);
    expect(html).toContain('What happens next');
    expect(html).not.toContain('<script');

    // The exchange GHL documents: form-encoded, Location token, the same redirect URL as the install link.
    expect(forms).toEqual([
      {
        client_id: OAUTH_ENV.GHL_CLIENT_ID,
        client_secret: OAUTH_ENV.GHL_CLIENT_SECRET,
        grant_type: 'authorization_code',
        code: 'auth-code-1',
        user_type: 'Location',
        redirect_uri: 'https://porchlight.test/oauth/ghl/callback',
      },
    ]);
    expect(locationCalls).toEqual([`Bearer ${TOKEN_RESPONSE.access_token}`]);

    const [token] = await h.rt.db.select().from(oauthTokens).where(eq(oauthTokens.locationId, LOCATION));
    expect(token.tenantId).toBe(tenant.id);
    expect(token.accessToken).not.toContain(TOKEN_RESPONSE.access_token);
    expect(token.refreshToken).not.toContain(TOKEN_RESPONSE.refresh_token);
    expect(open(token.accessToken, SECRET)).toBe(TOKEN_RESPONSE.access_token);
    expect(open(token.refreshToken, SECRET)).toBe(TOKEN_RESPONSE.refresh_token);
    // expires_in 86399 s from the moment of the exchange.
    expect(token.expiresAt.toISOString()).toBe('2026-03-11T15:00:59.000Z');
    const [tokenState] = await h.rt.db.select().from(oauthTokenState).where(eq(oauthTokenState.locationId, LOCATION));
    expect(tokenState).toMatchObject({ userType: 'Location', scope: TOKEN_RESPONSE.scope });

    const [link] = await h.rt.db.select().from(tenantLocations).where(eq(tenantLocations.locationId, LOCATION));
    expect(link).toMatchObject({
      tenantId: tenant.id,
      companyId: TOKEN_RESPONSE.companyId,
      installedAt: new Date('2026-03-10T15:01:00Z'),
      uninstalledAt: null,
    });
    // What `porchlight tenant list --json` shows for the team.
    expect(
      (await ghlLocationConnections(h.rt.db)).filter((l) => l.tenantId === tenant.id).map(ghlLocationView),
    ).toEqual([
      {
        locationId: LOCATION,
        companyId: TOKEN_RESPONSE.companyId,
        status: 'active',
        auth: 'oauth',
        installedAt: '2026-03-10T15:01:00.000Z',
      },
    ]);
    const audit = await h.rt.db.select().from(auditLog).where(eq(auditLog.entity, 'ghl_location'));
    expect(audit).toMatchObject([{ action: 'install', entityId: LOCATION, actor: `ghl:${TOKEN_RESPONSE.userId}` }]);
    expect(JSON.stringify(audit)).not.toContain(TOKEN_RESPONSE.access_token);
  });

  it('a state signed with another secret (forged) is refused before GHL is asked, and nothing is stored', async () => {
    const { h, tenant } = await team();
    const forms = ghlTokenEndpoint();
    const forged = issueGhlInstallState(
      'not-our-secret-0123456789',
      { tenantId: tenant.id, nonce: 'forged-nonce-0123456789' },
      h.rt.clock.now(),
    );
    await expectRefusalPage(await h.callback({ code: 'c', state: forged }), 400, /not issued by this Porchlight/);
    expect(forms).toEqual([]);
    expect(await storedInstallRows(h.rt)).toEqual(NOTHING_STORED);
  });

  it('a state whose team was edited, or no state at all, is refused', async () => {
    const { h, tenant } = await team();
    ghlTokenEndpoint();
    const { tenant: other } = await createTenant(h.rt.db, { name: 'Other Team' });
    const [body, sig] = (await h.installState(tenant.id)).split('.');
    const edited = Buffer.from(Buffer.from(body, 'base64url').toString().replace(tenant.id, other.id)).toString(
      'base64url',
    );
    await expectRefusalPage(await h.callback({ code: 'c', state: `${edited}.${sig}` }), 400, /not issued by/);
    await expectRefusalPage(await h.callback({ code: 'c' }), 400, /install link/);
    expect(await storedInstallRows(h.rt)).toEqual(NOTHING_STORED);
  });

  it('an expired state (older than 15 minutes) is refused and nothing is stored', async () => {
    const clock = fixedClock('2026-03-10T15:00:00Z');
    const { h, tenant } = await team({ clock });
    const forms = ghlTokenEndpoint();
    const state = await h.installState(tenant.id);
    clock.advance(16 * 60_000);
    await expectRefusalPage(await h.callback({ code: 'c', state }), 400, /expired/);
    expect(forms).toEqual([]);
    expect(await storedInstallRows(h.rt)).toEqual(NOTHING_STORED);
  });

  it('a replayed state is refused without a second exchange, and the first install stays as it was', async () => {
    const { h, tenant } = await team();
    const state = await h.installState(tenant.id);
    const forms = ghlTokenEndpoint();
    ghlLocationEndpoint();
    expect((await h.callback({ code: 'first', state })).status).toBe(200);
    const before = await h.rt.db.select().from(oauthTokens);

    await expectRefusalPage(await h.callback({ code: 'second', state }), 409, /already used/);
    expect(forms.map((f) => f.code)).toEqual(['first']);
    expect(await h.rt.db.select().from(oauthTokens)).toEqual(before);
    expect(await storedInstallRows(h.rt)).toEqual({ tokens: 1, links: 1, nonces: 1, audits: 1 });
  });

  it('a refused code gives a page with GHL’s reason and stores nothing; the link still works', async () => {
    const { h, tenant } = await team();
    const state = await h.installState(tenant.id);
    ghlTokenEndpoint({ status: 401, json: TOKEN_ERROR_RESPONSE });
    await expectRefusalPage(
      await h.callback({ code: 'stale-code', state }),
      400,
      /GHL refused the install code \(HTTP 401: Invalid grant: authorization code is invalid\)/,
    );
    expect(await storedInstallRows(h.rt)).toEqual(NOTHING_STORED);

    ghlTokenEndpoint();
    ghlLocationEndpoint();
    expect((await h.callback({ code: 'fresh-code', state })).status).toBe(200);
  });

  it('a location that belongs to another team is refused and nothing is stored or moved', async () => {
    const { h, tenant } = await team();
    const { tenant: owner } = await createTenant(h.rt.db, { name: 'Hill Country Homes', ghlLocations: [LOCATION] });
    const state = await h.installState(tenant.id);
    ghlTokenEndpoint();
    await expectRefusalPage(
      await h.callback({ code: 'c', state }),
      409,
      new RegExp(`GHL location ${LOCATION} is already connected to another Porchlight team`),
    );
    expect(await storedInstallRows(h.rt)).toEqual({ ...NOTHING_STORED, links: 1 });
    const [link] = await h.rt.db.select().from(tenantLocations).where(eq(tenantLocations.locationId, LOCATION));
    expect(link).toMatchObject({ tenantId: owner.id, installedAt: null });
  });

  it('a location registered to the same team (tenant add --ghl-location) is installed for it', async () => {
    const h = await createInstallHarness();
    const { tenant } = await createTenant(h.rt.db, { name: 'Lone Star Homes', ghlLocations: [LOCATION] });
    ghlTokenEndpoint();
    ghlLocationEndpoint();
    const res = await h.callback({ code: 'c', state: await h.installState(tenant.id) });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Connected to Porchlight');
    expect(await storedInstallRows(h.rt)).toEqual({ tokens: 1, links: 1, nonces: 1, audits: 1 });
  });

  it('without GHL_CLIENT_ID/SECRET the page says the server is not set up, and nothing is stored', async () => {
    const h = await createInstallHarness({ env: { GHL_CLIENT_ID: '', GHL_CLIENT_SECRET: '' } });
    const { tenant } = await createTenant(h.rt.db, { name: 'Lone Star Homes' });
    const state = issueGhlInstallState(SECRET, { tenantId: tenant.id, nonce: 'n'.repeat(20) }, h.rt.clock.now());
    await expectRefusalPage(await h.callback({ code: 'c', state }), 500, /GHL_CLIENT_ID and GHL_CLIENT_SECRET/);
    expect(await storedInstallRows(h.rt)).toEqual(NOTHING_STORED);
  });
});
