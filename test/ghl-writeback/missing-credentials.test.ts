import { describe, expect, it } from 'vitest';
import { auditLog } from '../../db/schema/index.ts';
import { createTenant } from '../../db/queries/tenants.ts';
import { storeInstallTokens } from '../../db/queries/ghl-tokens.ts';
import { startWorkers } from '../../jobs/worker.ts';
import { listDeadJobs } from '../../jobs/dead-letter.ts';
import { createTestRuntime, TEST_ENV } from '../helpers/runtime.ts';
import { waitFor } from '../helpers/wait-for.ts';
import { GHL } from '../ghl/ghl-test-server.ts';
import { CONTACT, LOC, runWriteback, seedTeam } from './writeback-fixture.ts';

const addTags = (tenantId: string) => ({ tenantId, op: 'add_tags', args: { contactId: CONTACT, tags: ['hot-lead'] } });

// msw fails any request these tests did not expect, so "nothing was sent" is asserted by every test.
describe('write-backs without GHL credentials', () => {
  it('a team with no GHL at all: the write-back is skipped (completes, nothing sent, nothing recorded)', async () => {
    const rt = await createTestRuntime({ env: { GHL_API_URL: GHL } });
    const { tenant } = await createTenant(rt.db, { name: 'No CRM Realty' });
    await expect(runWriteback(rt, addTags(tenant.id))).resolves.toBeUndefined();
    expect(
      await rt.db
        .select()
        .from(auditLog)
        .then((rows) => rows.filter((r) => r.action.startsWith('ghl.'))),
    ).toEqual([]);
  });

  it('a GHL location with no token fails with invalid_config naming what to set', async () => {
    const rt = await createTestRuntime({ env: { GHL_API_URL: GHL } });
    const { tenant } = await seedTeam(rt);
    await expect(runWriteback(rt, addTags(tenant.id))).rejects.toMatchObject({
      code: 'invalid_config',
      message:
        `no GHL credentials for location ${LOC}: install the Marketplace app (porchlight connect ghl --tenant ${tenant.id}) ` +
        `or store the team's private integration token (porchlight tenant set ${tenant.id} ghl.token=…), ` +
        'or set GHL_TOKEN (+ GHL_LOCATION_ID)',
    });
  });

  it('stored OAuth tokens without GHL_CLIENT_ID/SECRET fail with invalid_config', async () => {
    const rt = await createTestRuntime({ env: { GHL_API_URL: GHL } });
    const { tenant } = await seedTeam(rt);
    await storeInstallTokens(rt.db, TEST_ENV.APP_SECRET, LOC, {
      accessToken: 'a',
      refreshToken: 'r',
      expiresAt: '2030-01-01T00:00:00Z',
      userType: 'Location',
    });
    await expect(runWriteback(rt, addTags(tenant.id))).rejects.toMatchObject({
      code: 'invalid_config',
      message: `GHL location ${LOC} has OAuth tokens but GHL_CLIENT_ID and GHL_CLIENT_SECRET are not set`,
    });
  });

  it("a private token never writes to another team's location", async () => {
    const rt = await createTestRuntime({ env: { GHL_API_URL: GHL, GHL_TOKEN: 'pit-secret', GHL_LOCATION_ID: LOC } });
    await seedTeam(rt);
    const { tenant: other } = await createTenant(rt.db, { name: 'Other Team' });
    await expect(runWriteback(rt, { ...addTags(other.id), locationId: LOC })).rejects.toMatchObject({
      code: 'forbidden',
    });
    // …and a team without a location of its own does not borrow the env location another team owns.
    await expect(runWriteback(rt, addTags(other.id))).resolves.toBeUndefined();
  });

  it('through the worker, the job dead-letters with the readable reason', async () => {
    const rt = await createTestRuntime({ env: { GHL_API_URL: GHL } });
    const { tenant } = await seedTeam(rt);
    await rt.queue.boss.updateQueue('ghl.writeback', { retryLimit: 0 });
    const workers = await startWorkers(rt, { queues: ['ghl.writeback'], schedules: false });
    await rt.queue.enqueue('ghl.writeback', addTags(tenant.id));
    const [dead] = await waitFor(async () => {
      const rows = await listDeadJobs(rt.queue.boss, { queue: 'ghl.writeback' });
      return rows.length ? rows : undefined;
    }, 20_000);
    await workers.stop();
    expect(dead.error).toContain(`no GHL credentials for location ${LOC}`);
    expect(dead.data).toEqual(addTags(tenant.id));
  });
});
