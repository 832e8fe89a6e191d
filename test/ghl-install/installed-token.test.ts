import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { secretKeys } from '../../core/config/load-env.ts';
import { auditLog, oauthTokens, tenantLocations, tenants } from '../../db/schema/index.ts';
import { createLead } from '../../db/queries/leads.ts';
import { listInboundEvents } from '../../db/queries/inbound-events.ts';
import { createTenant } from '../../db/queries/tenants.ts';
import { setTenantGhlToken } from '../../db/use-cases/ghl/set-tenant-ghl-token.ts';
import { startWorkers } from '../../jobs/worker.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { createGhlTestKeys, ghlSignedHeaders } from '../helpers/ghl-signing.ts';
import { waitFor } from '../helpers/wait-for.ts';
import { ghlEndpoint } from '../ghl/ghl-test-server.ts';
import { runWriteback } from '../ghl-writeback/writeback-fixture.ts';
import { fixture } from '../ghl-ingest/harness.ts';
import {
  createInstallHarness,
  ghlLocationEndpoint,
  ghlTokenEndpoint,
  LOCATION,
  TOKEN_RESPONSE,
  type InstallHarness,
} from './install-harness.ts';

const CONTACT = 'nmFmQEsNgz6AVpgLVUJ0';
const TEAM_TOKEN = 'pit-7c1e2a9b-5d44-4f0e-9a1b-2c3d4e5f6a7b';

async function teamWithLead(h: InstallHarness, ghlLocations: string[] = []) {
  const { tenant } = await createTenant(h.rt.db, { name: 'Lone Star Homes', ghlLocations });
  await createLead(h.rt.db, { tenantId: tenant.id, ghlContactId: CONTACT, ghlLocationId: LOCATION, name: 'Ana Lopez' });
  return tenant;
}

async function install(h: InstallHarness, tenantId: string, json: object = TOKEN_RESPONSE) {
  ghlTokenEndpoint({ status: 200, json });
  ghlLocationEndpoint();
  const res = await h.callback({ code: `code-${Math.random()}`, state: await h.installState(tenantId) });
  expect(res.status).toBe(200);
}

/** Runs one add_tags write-back for the team; returns the bearer token GHL saw (undefined: nothing sent). */
async function tagAs(rt: Runtime, tenantId: string): Promise<string | null | undefined> {
  const seen = ghlEndpoint('post', `/contacts/${CONTACT}/tags`, { status: 201, json: { tags: ['hot-lead'] } });
  await runWriteback(rt, { tenantId, op: 'add_tags', args: { contactId: CONTACT, tags: ['hot-lead'] } });
  return seen[0]?.authorization;
}

const deps = (rt: Runtime) => ({ db: rt.db, clock: rt.clock, secrets: secretKeys(rt.env) });

describe('the installed token at work', () => {
  it('a write-back after the install calls GHL with the installed access token', async () => {
    const h = await createInstallHarness();
    const tenant = await teamWithLead(h);
    await install(h, tenant.id);
    expect(await tagAs(h.rt, tenant.id)).toBe(`Bearer ${TOKEN_RESPONSE.access_token}`);
  });

  it("a team's private token beats GHL_TOKEN when there is no install; an install beats both", async () => {
    const h = await createInstallHarness({ env: { GHL_TOKEN: 'pit-env-token', GHL_LOCATION_ID: LOCATION } });
    const tenant = await teamWithLead(h, [LOCATION]);
    expect(await tagAs(h.rt, tenant.id)).toBe('Bearer pit-env-token');

    expect(await setTenantGhlToken(deps(h.rt), tenant.id, TEAM_TOKEN, { actor: 'cli' })).toEqual({
      tenantId: tenant.id,
      ghlToken: 'pit-…6a7b',
    });
    expect(await tagAs(h.rt, tenant.id)).toBe(`Bearer ${TEAM_TOKEN}`);

    // Sealed at rest; the audit trail names the change and a hint, never the token.
    const [row] = await h.rt.db
      .select({ credentials: tenants.credentials })
      .from(tenants)
      .where(eq(tenants.id, tenant.id));
    expect(row.credentials).toMatch(/^v1\./);
    expect(row.credentials).not.toContain(TEAM_TOKEN);
    const audit = await h.rt.db.select().from(auditLog).where(eq(auditLog.entity, 'tenant'));
    expect(audit).toMatchObject([
      {
        action: 'settings_changed',
        data: { keys: ['ghl.token'], before: { 'ghl.token': null }, after: { 'ghl.token': 'pit-…6a7b' } },
      },
    ]);
    expect(JSON.stringify(audit)).not.toContain(TEAM_TOKEN);

    await install(h, tenant.id);
    expect(await tagAs(h.rt, tenant.id)).toBe(`Bearer ${TOKEN_RESPONSE.access_token}`);
  });

  it('a private token for a team without GHL_TOKEN; removing it leaves the location without credentials', async () => {
    const h = await createInstallHarness();
    const tenant = await teamWithLead(h, [LOCATION]);
    await setTenantGhlToken(deps(h.rt), tenant.id, TEAM_TOKEN);
    expect(await tagAs(h.rt, tenant.id)).toBe(`Bearer ${TEAM_TOKEN}`);
    expect(await setTenantGhlToken(deps(h.rt), tenant.id, null)).toEqual({ tenantId: tenant.id, ghlToken: null });
    await expect(tagAs(h.rt, tenant.id)).rejects.toMatchObject({
      code: 'invalid_config',
      message: expect.stringContaining(`porchlight tenant set ${tenant.id} ghl.token=`),
    });
    await expect(setTenantGhlToken(deps(h.rt), tenant.id, 'two words')).rejects.toMatchObject({ code: 'bad_usage' });
    await expect(setTenantGhlToken(deps(h.rt), 'no-such-team', TEAM_TOKEN)).rejects.toMatchObject({
      code: 'not_found',
    });
  });
});

describe('INSTALL and UNINSTALL webhooks with an installed location', () => {
  it('are accepted for it; after an uninstall nothing is written, and installing again brings it back', async () => {
    const keys = createGhlTestKeys();
    const h = await createInstallHarness({
      env: {
        GHL_WEBHOOK_PUBLIC_KEY: keys.ed25519.publicKeyBase64,
        GHL_WEBHOOK_LEGACY_PUBLIC_KEY: keys.rsa.publicKeyPem,
      },
    });
    const tenant = await teamWithLead(h);
    await install(h, tenant.id);
    const workers = await startWorkers(h.rt, { queues: ['ghl.event', 'crm.event'], schedules: false });
    const deliver = async (file: string, webhookId: string) => {
      const body = JSON.stringify({
        ...fixture(file),
        locationId: LOCATION,
        webhookId,
        timestamp: new Date().toISOString(),
      });
      const res = await h.app.request('/webhooks/ghl', { method: 'POST', body, headers: ghlSignedHeaders(body, keys) });
      expect(await res.json()).toMatchObject({ status: 'accepted' });
      await waitFor(
        async () => ((await listInboundEvents(h.rt.db, { status: 'accepted' })).length ? undefined : true),
        20_000,
      );
    };
    const link = async () =>
      (await h.rt.db.select().from(tenantLocations).where(eq(tenantLocations.locationId, LOCATION)))[0];
    try {
      await deliver('INSTALL.location_non_whitelabel.json', 'wh-install');
      expect(await link()).toMatchObject({ tenantId: tenant.id, uninstalledAt: null });

      await deliver('UNINSTALL.location.json', 'wh-uninstall');
      expect((await link()).uninstalledAt).not.toBeNull();
      expect(await tagAs(h.rt, tenant.id)).toBeUndefined();

      const again = {
        ...TOKEN_RESPONSE,
        access_token: 'second-install-access',
        refresh_token: 'second-install-refresh',
      };
      await install(h, tenant.id, again);
      expect(await link()).toMatchObject({ tenantId: tenant.id, uninstalledAt: null });
      const [token] = await h.rt.db.select().from(oauthTokens).where(eq(oauthTokens.locationId, LOCATION));
      expect(token.version).toBe(2);
      expect(await tagAs(h.rt, tenant.id)).toBe('Bearer second-install-access');
    } finally {
      await workers.stop();
    }
  });
});
