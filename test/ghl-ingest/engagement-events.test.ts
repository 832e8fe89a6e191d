import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestRuntime, fixedClock } from '../helpers/runtime.ts';
import { drainJobs } from '../helpers/drain-jobs.ts';
import { makeLead, makeTenant } from '../helpers/factories.ts';
import { createApp } from '../../webhooks/app.ts';
import { upsertListings } from '../../db/use-cases/listings/upsert-listings.ts';
import { alerts, leadActivities } from '../../db/schema/index.ts';
import { secretKeys } from '../../core/config/load-env.ts';
import { signLeadListingToken } from '../../core/messaging/lead-listing-url.ts';

const HOUR = 3_600_000;
const TEMPLATE = 'https://homes.hillcountry.test/listing/{listingKey}';
const IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148';

const home = (key: string, city: string, postalCode: string) => ({
  ListingKey: key,
  StandardStatus: 'Active',
  ListPrice: 450000,
  BedroomsTotal: 3,
  PropertyType: 'Residential',
  UnparsedAddress: `${key} Main St`,
  City: city,
  StateOrProvince: 'TX',
  PostalCode: postalCode,
  ModificationTimestamp: '2026-06-09T15:00:00Z',
});

/** A team with a listing site, two leads from its CRM and four homes; 10:00 in Texas. */
async function world() {
  const clock = fixedClock('2026-06-10T15:00:00Z');
  const rt = await createTestRuntime({ clock });
  const app = createApp(rt);
  const { tenant, apiKey } = await makeTenant(rt, { settings: { listingUrlTemplate: TEMPLATE } });
  const ana = await makeLead(rt, tenant.id, { name: 'Ana Lopez', ghlContactId: 'ghl_ana' });
  const bo = await makeLead(rt, tenant.id, { name: 'Bo Diaz', ghlContactId: 'ghl_bo' });
  const homes = [
    home('RR-1', 'Round Rock', '78664'),
    home('RR-2', 'Round Rock', '78665'),
    home('RR-3', 'Round Rock', '78664'),
    home('ATX-1', 'Austin', '78704'),
  ];
  const stored = await upsertListings(rt, { tenantId: tenant.id, listings: homes, source: 'test' });
  expect(stored.rejected).toEqual([]);
  let n = 0;
  /** What a GHL Custom Webhook action posts; each call is a new workflow run unless `id` is given. */
  const post = (engagement: Record<string, unknown>, id = `ghl_run_${++n}`) =>
    app.request('/api/v1/events', {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        id,
        type: 'engagement.recorded',
        occurredAt: clock.now().toISOString(),
        engagement,
      }),
    });
  const run = () => drainJobs(rt, ['crm.event', 'lead.score']);
  const kinds = async (leadId: string) =>
    (await rt.db.select().from(leadActivities).where(eq(leadActivities.leadId, leadId))).map((a) => a.kind);
  const hotAlerts = async (leadId: string) =>
    (
      await rt.db
        .select()
        .from(alerts)
        .where(and(eq(alerts.leadId, leadId), eq(alerts.kind, 'hot_lead')))
    ).map((a) => a.reason);
  const leadPageLink = (leadId: string, listingKey: string) => {
    const link = { tenantId: tenant.id, leadId, listingKey, via: 'sms' } as const;
    return `https://porchlight.test/l/${signLeadListingToken(secretKeys(rt.env), link, clock.now())}`;
  };
  return { rt, app, clock, tenant, ana, bo, post, run, kinds, hotAlerts, leadPageLink };
}

const saves = (reasons: string[]) => reasons.filter((r) => /saved \d homes in/.test(r));

describe('engagement.recorded: what the lead did on pages, forms and links the CRM saw', () => {
  it('three trigger-link clicks on one home in a day raise the burst alert; a resent run counts once', async () => {
    const w = await world();
    const click = {
      contactId: 'ghl_ana',
      kind: 'trigger_link',
      url: `${TEMPLATE.replace('{listingKey}', 'RR-1')}?utm_source=ghl`,
    };
    for (const _ of [1, 2, 3]) {
      const res = await w.post(click, `click_${w.clock.now().getTime()}`);
      expect(res.status).toBe(202);
      await w.run();
      w.clock.advance(3 * HOUR);
    }
    // GHL retrying the last run's webhook with the same id changes nothing.
    w.clock.advance(-3 * HOUR);
    const again = await w.post(click, `click_${w.clock.now().getTime()}`);
    expect(await again.json()).toMatchObject({ status: 'duplicate' });
    await w.run();

    expect((await w.kinds(w.ana.id)).filter((k) => k === 'listing_view')).toHaveLength(3);
    expect(await w.hotAlerts(w.ana.id)).toEqual(['hot lead: viewed listing RR-1 3 times in 24 hours']);
  });

  it('two homes saved from forms in one city the same day raise one area alert; a third adds none', async () => {
    const w = await world();
    for (const listingKey of ['RR-1', 'RR-2']) {
      await w.post({
        contactId: 'ghl_ana',
        kind: 'form_submission',
        formName: 'Save this home',
        listingKey,
        action: 'save',
      });
      await w.run();
      w.clock.advance(HOUR);
    }
    expect(saves(await w.hotAlerts(w.ana.id))).toEqual(['hot lead: saved 2 homes in Round Rock today']);

    await w.post({ contactId: 'ghl_ana', kind: 'form_submission', listingKey: 'RR-3', action: 'save' });
    await w.run();
    expect((await w.kinds(w.ana.id)).filter((k) => k === 'listing_save')).toHaveLength(3);
    expect(saves(await w.hotAlerts(w.ana.id))).toHaveLength(1);

    // Bo saves one home in Austin and one in Round Rock: no area has two.
    for (const listingKey of ['ATX-1', 'RR-1']) {
      await w.post({ contactId: 'ghl_bo', kind: 'form_submission', listingKey, action: 'save' });
      await w.run();
      w.clock.advance(HOUR);
    }
    expect((await w.kinds(w.bo.id)).filter((k) => k === 'listing_save')).toHaveLength(2);
    expect(saves(await w.hotAlerts(w.bo.id))).toEqual([]);
  });

  it('a save on our own lead page and a GHL form naming our lead-page link add up to the same signal', async () => {
    const w = await world();
    const page = new URL(w.leadPageLink(w.ana.id, 'RR-1')).pathname;
    const pressed = await w.app.request(`${page}/save`, {
      method: 'POST',
      headers: { 'User-Agent': IPHONE, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: '',
    });
    expect(pressed.status).toBe(200);
    await w.run();
    expect(saves(await w.hotAlerts(w.ana.id))).toEqual([]);

    w.clock.advance(2 * HOUR);
    const url = w.leadPageLink(w.ana.id, 'RR-2');
    await w.post({ contactId: 'ghl_ana', kind: 'form_submission', formName: 'Favorites', url, action: 'save' });
    await w.run();
    const rows = await w.rt.db.select().from(leadActivities).where(eq(leadActivities.leadId, w.ana.id));
    expect(rows.filter((a) => a.kind === 'listing_save').map((a) => [a.source, a.listingKey])).toEqual([
      ['lead_page', 'RR-1'],
      ['api', 'RR-2'],
    ]);
    expect(saves(await w.hotAlerts(w.ana.id))).toEqual(['hot lead: saved 2 homes in Round Rock today']);
  });

  it('keeps engagement without a listing on the timeline, reads tour forms as showing requests', async () => {
    const w = await world();
    await w.post({ contactId: 'ghl_bo', kind: 'page_visit', url: 'https://hillcountry.test/blog/moving-to-austin' });
    await w.post({ contactId: 'ghl_bo', kind: 'trigger_link', url: 'https://hillcountry.test/open-house' });
    await w.post({ contactId: 'ghl_bo', kind: 'form_submission', formName: 'Newsletter' });
    await w.post({ contactId: 'ghl_bo', kind: 'form_submission', formName: 'Book a tour', listingKey: 'ATX-1' });
    await w.run();
    expect((await w.kinds(w.bo.id)).sort()).toEqual(['form_submission', 'link_click', 'page_visit', 'showing_request']);
    expect(await w.hotAlerts(w.bo.id)).toEqual(['hot lead: asked to see listing ATX-1']);
  });

  it('answers a bad engagement with a 422 naming the field', async () => {
    const w = await world();
    const res = await w.post({ contactId: 'ghl_ana', kind: 'click', action: 'buy', extra: 1 });
    expect(res.status).toBe(422);
    const { error } = (await res.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe('validation_failed');
    expect(error.message).toMatch(/engagement\.kind/);
    expect(error.message).toMatch(/engagement\.action/);
    expect(error.message).toMatch(/extra/);
    expect(await w.kinds(w.ana.id)).toEqual([]);
  });
});
