import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { fixedClock } from '../../core/time/clock.ts';
import { leads } from '../../db/schema/index.ts';
import { createLead } from '../../db/queries/leads.ts';
import { createTenant } from '../../db/queries/tenants.ts';
import { readGhlSyncState } from '../../db/queries/ghl-reconcile.ts';
import reconcileHandler from '../../jobs/handlers/ghl-reconcile.ts';
import { formatSyncSummary, reconcileGhlContacts } from '../../jobs/shared/reconcile-ghl-contacts.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { createTestRuntime } from '../helpers/runtime.ts';
import { server } from '../msw/server.ts';
import { GHL } from '../ghl/ghl-test-server.ts';
import { LOC, PRIVATE_ENV } from './writeback-fixture.ts';

const clock = fixedClock('2026-03-08T12:00:00Z');
const contact = (id: string, firstName: string, dateUpdated: string) => ({
  id,
  locationId: LOC,
  firstName,
  lastName: 'Lopez',
  email: `${firstName.toLowerCase()}@example.com`,
  phone: '+15125550100',
  tags: ['buyer'],
  dnd: false,
  customFields: [{ id: 'budget', value: '450000' }],
  assignedTo: 'ghl-user-maria',
  dateAdded: '2026-01-01T00:00:00.000Z',
  dateUpdated,
});

/** GHL's contact search, answering `pages[n-1]` for page n; a page listed as a number answers that HTTP status. */
function searchEndpoint(pages: Array<ReturnType<typeof contact>[] | number>) {
  const bodies: unknown[] = [];
  server.use(
    http.post(`${GHL}/contacts/search`, async ({ request }) => {
      const body = (await request.json()) as { page?: number };
      bodies.push({
        body,
        version: request.headers.get('version'),
        authorization: request.headers.get('authorization'),
      });
      const page = pages[(body.page ?? 1) - 1] ?? [];
      if (typeof page === 'number') return HttpResponse.json({ message: 'bad page' }, { status: page });
      return HttpResponse.json({ contacts: page, total: 3 });
    }),
  );
  return bodies;
}

async function team(rt: Runtime) {
  const { tenant } = await createTenant(rt.db, { name: 'Lone Star Homes', ghlLocations: [LOC] });
  // c2 is stale here (GHL has a newer version); c3 is newer here than what the search returns.
  await createLead(rt.db, {
    tenantId: tenant.id,
    ghlContactId: 'c2',
    name: 'Old Name',
    crmUpdatedAt: new Date('2026-03-01T00:00:00Z'),
  });
  await createLead(rt.db, {
    tenantId: tenant.id,
    ghlContactId: 'c3',
    name: 'Newest Name',
    crmUpdatedAt: new Date('2026-03-07T00:00:00Z'),
  });
  return tenant.id;
}

const leadName = async (rt: Runtime, contactId: string) =>
  (await rt.db.select().from(leads).where(eq(leads.ghlContactId, contactId)))[0];
const page1 = [contact('c1', 'Ana', '2026-03-05T00:00:00.000Z'), contact('c2', 'Bea', '2026-03-05T00:00:00.000Z')];
const page2 = [contact('c3', 'Cleo', '2026-03-06T00:00:00.000Z')];

describe('GHL reconcile', () => {
  it('pages through the contacts and applies only updates newer than ours', async () => {
    const rt = await createTestRuntime({ env: PRIVATE_ENV, clock });
    const tenantId = await team(rt);
    const requests = searchEndpoint([page1, page2]);

    const result = await reconcileGhlContacts(rt, tenantId, { pageLimit: 2 });

    expect(requests).toEqual(
      [1, 2].map((page) => ({
        body: { locationId: LOC, pageLimit: 2, page },
        version: '2021-07-28',
        authorization: 'Bearer pit-secret',
      })),
    );
    expect(formatSyncSummary(result)).toBe('synced 3 contacts (1 new, 1 updated, 1 unchanged)');
    expect(await leadName(rt, 'c1')).toMatchObject({
      name: 'Ana Lopez',
      email: 'ana@example.com',
      phone: '+15125550100',
      tags: ['buyer'],
      ghlAssignedTo: 'ghl-user-maria',
      customFields: { budget: '450000' },
      ghlLocationId: LOC,
      crmUpdatedAt: new Date('2026-03-05T00:00:00Z'),
    });
    expect(await leadName(rt, 'c2')).toMatchObject({
      name: 'Bea Lopez',
      crmUpdatedAt: new Date('2026-03-05T00:00:00Z'),
    });
    expect(await leadName(rt, 'c3')).toMatchObject({
      name: 'Newest Name',
      crmUpdatedAt: new Date('2026-03-07T00:00:00Z'),
    });
    const scoring = await rt.queue.boss.findJobs<{ leadId: string; trigger: string }>('lead.score', {});
    expect(scoring.map((j) => j.data.trigger)).toEqual(['ghl.reconcile', 'ghl.reconcile']);
  });

  it('an interrupted run resumes from the next page, and the next run only compares what changed since', async () => {
    const rt = await createTestRuntime({ env: PRIVATE_ENV, clock });
    const tenantId = await team(rt);
    searchEndpoint([page1, 400]);
    await expect(reconcileGhlContacts(rt, tenantId, { pageLimit: 2 })).rejects.toMatchObject({ code: 'bad_request' });
    expect((await readGhlSyncState(rt.db, tenantId, LOC)).run).toMatchObject({
      nextPage: 2,
      counts: { new: 1, updated: 1, unchanged: 0 },
    });

    const resumed = searchEndpoint([page1, page2]);
    clock.advance(60_000);
    const result = await reconcileGhlContacts(rt, tenantId, { pageLimit: 2 });
    expect(resumed.map((r) => (r as { body: { page: number } }).body.page)).toEqual([2]);
    expect(formatSyncSummary(result)).toBe('synced 3 contacts (1 new, 1 updated, 1 unchanged)');
    // The watermark is when the interrupted run started: changes made while it paged are not skipped.
    expect(await readGhlSyncState(rt.db, tenantId, LOC)).toEqual({ watermark: '2026-03-08T12:00:00.000Z', run: null });

    const later = searchEndpoint([
      [contact('c1', 'Ana', '2026-03-08T12:30:00.000Z'), contact('c2', 'Bea', '2026-03-05T00:00:00.000Z')],
      [],
    ]);
    const incremental = await reconcileGhlContacts(rt, tenantId, { pageLimit: 2 });
    expect(later).toHaveLength(2);
    expect(formatSyncSummary(incremental)).toBe('synced 2 contacts (0 new, 1 updated, 1 unchanged)');
  });

  it('the nightly job fans out one reconcile per team; the GHL team syncs, the team without GHL is skipped', async () => {
    const rt = await createTestRuntime({ env: PRIVATE_ENV, clock });
    const tenantId = await team(rt);
    const { tenant: other } = await createTenant(rt.db, { name: 'No CRM Realty' });
    searchEndpoint([page1, page2]);
    const ctx = (id: string) => ({ runtime: rt, job: { id, retryCount: 0, signal: new AbortController().signal } });
    await reconcileHandler({}, ctx('cron-1'));
    const queued = (await rt.queue.boss.findJobs('ghl.reconcile', {}))
      .map((j) => (j.data as { tenantId: string }).tenantId)
      .sort();
    expect(queued).toEqual([tenantId, other.id].sort());
    for (const id of queued) await reconcileHandler({ tenantId: id }, ctx(`tenant-${id}`));
    expect(await leadName(rt, 'c1')).toMatchObject({ tenantId, name: 'Ana Lopez' });
  });

  it('summarises large runs with thousands separators', () => {
    expect(formatSyncSummary({ new: 12, updated: 40, unchanged: 1182 })).toBe(
      'synced 1,234 contacts (12 new, 40 updated, 1,182 unchanged)',
    );
  });
});
