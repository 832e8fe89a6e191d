import { readFileSync } from 'node:fs';
import { and, eq } from 'drizzle-orm';
import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { formatOpenHouse } from '../../core/listings/format-open-house.ts';
import { automationRunsOfLead } from '../../db/queries/automations/automation-runs.ts';
import { addLeadActivity, createLead } from '../../db/queries/leads.ts';
import { listings, openHouses, savedSearches, syncState } from '../../db/schema/index.ts';
import { createApp } from '../../webhooks/app.ts';
import { drainJobs } from '../helpers/drain-jobs.ts';
import { makeTenant } from '../helpers/factories.ts';
import { createTestRuntime, fixedClock } from '../helpers/runtime.ts';
import { server } from '../msw/server.ts';
import { automationWorld, type AutomationWorld } from './automation-world.ts';

const RESO = 'https://reso.mls.test/odata';
const TUESDAY_10AM = '2030-03-05T16:00:00Z';
/** One OData page of the OpenHouse resource: Sat Mar 9 2030, 1–3 PM in Austin, for ATX-1. */
const PAGE = JSON.parse(readFileSync(new URL('../fixtures/reso/open-house-page.json', import.meta.url), 'utf8')) as {
  value: Array<Record<string, unknown>>;
};
const OPEN_HOUSE = PAGE.value[0];

const INVITE = {
  id: 'open-house-invite',
  name: 'Open house invite',
  when: { event: 'listing_event', changes: ['open_house'] },
  then: [{ do: 'text_lead', template: 'Open house at {{listing.address}}: {{listing.openHouse}}' }],
};

const home = {
  ListingKey: 'ATX-1',
  StandardStatus: 'Active',
  ListPrice: 450_000,
  ModificationTimestamp: '2030-03-01T10:00:00Z',
  PropertyType: 'Residential',
  UnparsedAddress: '12 Oak St',
  BedroomsTotal: 3,
  City: 'Austin',
  PostalCode: '78704',
};

/**
 * The team's MLS: Property answers the home on the first run (nothing newer after), OpenHouse answers whatever
 * the test puts in `openHouses` (null: the feed has no such resource, 404).
 */
function mls(feed: { openHouses: Array<Record<string, unknown>> | null }) {
  const asked: string[] = [];
  server.use(
    http.get(`${RESO}/Property`, ({ request }) => {
      asked.push('Property');
      const since = new URL(request.url).searchParams.get('$filter');
      return HttpResponse.json({ value: since ? [] : [home] });
    }),
    http.get(`${RESO}/OpenHouse`, () => {
      asked.push('OpenHouse');
      if (!feed.openHouses) return HttpResponse.json({ error: { message: 'Resource not found' } }, { status: 404 });
      return HttpResponse.json({ '@odata.context': '$metadata#OpenHouse', value: feed.openHouses });
    }),
  );
  return asked;
}

async function world(): Promise<AutomationWorld> {
  return automationWorld({ at: TUESDAY_10AM, rules: [INVITE], settings: { reso: { apiUrl: RESO } } });
}

/** Ana viewed the home on her listing page yesterday. */
async function viewer(w: AutomationWorld) {
  const lead = await createLead(w.rt.db, {
    tenantId: w.tenant.id,
    name: 'Ana Lopez',
    firstName: 'Ana',
    phone: '+15125550142',
    assigneeId: w.agent.id,
  });
  await addLeadActivity(w.rt.db, {
    tenantId: w.tenant.id,
    leadId: lead.id,
    kind: 'listing_view',
    listingKey: 'ATX-1',
    source: 'lead_page',
    externalId: 'view-1',
    occurredAt: new Date('2030-03-04T16:00:00Z'),
  });
  return lead;
}

async function sync(w: AutomationWorld) {
  await w.rt.queue.enqueue('listing.sync', { tenantId: w.tenant.id });
  await drainJobs(w.rt, ['listing.sync']);
  await w.drain();
}

const storedOpenHouses = (w: AutomationWorld) =>
  w.rt.db.select().from(openHouses).where(eq(openHouses.tenantId, w.tenant.id));

describe('open houses start listing_event automations', () => {
  it('a synced open house texts the lead who viewed the home, once', async () => {
    const w = await world();
    const ana = await viewer(w);
    const bystander = await createLead(w.rt.db, { tenantId: w.tenant.id, name: 'Ben', phone: '+15125550143' });
    const asked = mls({ openHouses: [OPEN_HOUSE] });
    await sync(w);

    expect(asked).toEqual(['Property', 'OpenHouse']);
    const [stored] = await storedOpenHouses(w);
    expect(stored).toMatchObject({
      openHouseKey: 'OH-ATX-1-20300309',
      listingKey: 'ATX-1',
      status: 'Active',
      type: 'Public',
      remarks: 'Come see the remodeled kitchen.',
    });
    expect(stored.startsAt.toISOString()).toBe('2030-03-09T19:00:00.000Z');
    expect(stored.endsAt?.toISOString()).toBe('2030-03-09T21:00:00.000Z');
    expect(w.sms.map((s) => s.to)).toEqual(['+15125550142']);
    expect(w.sms[0].body).toContain('Open house at 12 Oak St: Sat Mar 9, 1:00–3:00 PM');
    const [run] = await automationRunsOfLead(w.rt.db, { tenantId: w.tenant.id, leadId: ana.id });
    expect(run.trigger).toMatchObject({
      change: 'open_house',
      listingKey: 'ATX-1',
      openHouseKey: 'OH-ATX-1-20300309',
      viewed: true,
    });
    expect(await automationRunsOfLead(w.rt.db, { tenantId: w.tenant.id, leadId: bystander.id })).toEqual([]);

    // The feed sends the same record again, then an edit to its remarks: neither is news.
    await sync(w);
    mls({
      openHouses: [{ ...OPEN_HOUSE, OpenHouseRemarks: 'Cookies!', ModificationTimestamp: '2030-03-05T12:00:00Z' }],
    });
    await sync(w);
    expect(w.sms).toHaveLength(1);
    expect((await storedOpenHouses(w))[0].remarks).toBe('Cookies!');

    // Moved to Sunday: that is news again.
    mls({
      openHouses: [
        {
          ...OPEN_HOUSE,
          OpenHouseStartTime: '2030-03-10T12:00:00.000-05:00',
          OpenHouseEndTime: '2030-03-10T14:00:00.000-05:00',
          ModificationTimestamp: '2030-03-05T13:00:00Z',
        },
      ],
    });
    await sync(w);
    expect(w.sms.map((s) => s.body.split('\n')[0])).toEqual([
      expect.stringContaining('Open house at 12 Oak St: Sat Mar 9, 1:00–3:00 PM'),
      expect.stringContaining('Open house at 12 Oak St: Sun Mar 10, 12:00–2:00 PM'),
    ]);
  });

  it('reaches the leads whose saved search matched the home', async () => {
    const w = await world();
    const ben = await createLead(w.rt.db, { tenantId: w.tenant.id, name: 'Ben Ortiz', phone: '+15125550143' });
    await w.rt.db.insert(savedSearches).values({
      tenantId: w.tenant.id,
      leadId: ben.id,
      cities: ['Austin'],
      maxPrice: 500_000,
      minBeds: 3,
      frequency: 'daily',
    });
    const feed = { openHouses: [] as Array<Record<string, unknown>> };
    mls(feed);
    await sync(w);
    expect(w.sms).toEqual([]);
    feed.openHouses = [OPEN_HOUSE];
    await sync(w);
    expect(w.sms.map((s) => [s.to, s.body.split('\n')[0]])).toEqual([
      ['+15125550143', expect.stringContaining('Open house at 12 Oak St: Sat Mar 9, 1:00–3:00 PM')],
    ]);
    const [run] = await automationRunsOfLead(w.rt.db, { tenantId: w.tenant.id, leadId: ben.id });
    expect(run.trigger).toMatchObject({ matched: true, viewed: false });
  });

  it('a cancelled open house texts nobody', async () => {
    const w = await world();
    await viewer(w);
    mls({ openHouses: [{ ...OPEN_HOUSE, OpenHouseStatus: 'Cancelled' }] });
    await sync(w);
    expect((await storedOpenHouses(w)).map((o) => o.status)).toEqual(['Canceled']);
    expect(w.sms).toEqual([]);
  });

  it('a feed without an OpenHouse resource still syncs its properties', async () => {
    const w = await world();
    await viewer(w);
    const asked = mls({ openHouses: null });
    const warn = vi.spyOn(w.rt.logger, 'warn');
    await sync(w);
    await sync(w);
    // Said once, not at every run of the cron.
    expect(warn.mock.calls.filter(([, message]) => message === 'RESO feed has no OpenHouse resource')).toHaveLength(1);
    expect(asked).toEqual(['Property', 'OpenHouse', 'Property', 'OpenHouse']);
    const homes = await w.rt.db.select().from(listings).where(eq(listings.tenantId, w.tenant.id));
    expect(homes.map((h) => h.listingKey)).toEqual(['ATX-1']);
    const [noted] = await w.rt.db
      .select()
      .from(syncState)
      .where(and(eq(syncState.tenantId, w.tenant.id), eq(syncState.source, 'reso:open_house')));
    expect(noted.meta).toMatchObject({ missing: true });
    expect(await storedOpenHouses(w)).toEqual([]);
    expect(w.sms).toEqual([]);
  });

  it('POST /api/v1/listings takes open houses next to the listings, row by row', async () => {
    const rt = await createTestRuntime({ clock: fixedClock(TUESDAY_10AM) });
    const { tenant, apiKey } = await makeTenant(rt);
    const res = await createApp(rt).request('/api/v1/listings', {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        listings: [home],
        openHouses: [OPEN_HOUSE, { ...OPEN_HOUSE, OpenHouseKey: 'OH-2', OpenHouseStartTime: 'Saturday' }],
      }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      upserted: 1,
      openHouses: {
        upserted: 1,
        rejected: [{ index: 1, field: 'OpenHouseStartTime', message: expect.stringContaining('ISO 8601') }],
      },
    });
    const rows = await rt.db.select().from(openHouses).where(eq(openHouses.tenantId, tenant.id));
    expect(rows.map((r) => r.openHouseKey)).toEqual(['OH-ATX-1-20300309']);
  });
});

describe('listing.openHouse', () => {
  it('reads as a buyer would say it, in the team’s time zone', () => {
    const start = new Date('2030-03-09T17:00:00Z');
    expect(formatOpenHouse(start, new Date('2030-03-09T19:00:00Z'), 'America/Chicago')).toBe(
      'Sat Mar 9, 11:00 AM–1:00 PM',
    );
    expect(formatOpenHouse(start, null, 'America/Los_Angeles')).toBe('Sat Mar 9, 9:00 AM');
  });
});
