import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createLeadPageWorld, LEAD_PHONE, LISTING, PHOTO_URL, type LeadPageWorld } from './lead-page-fixture.ts';
import { drainJobs } from '../helpers/drain-jobs.ts';
import { makeTenant } from '../helpers/factories.ts';
import { alerts, leadActivities, leadMessages, savedSearches } from '../../db/schema/index.ts';
import { sendLeadDigests } from '../../jobs/shared/lead-digests.ts';
import { signState } from '../../core/crypto/signed-state.ts';
import { secretKeys } from '../../core/config/load-env.ts';
import { signLeadListingToken } from '../../core/messaging/lead-listing-url.ts';

const IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) ' +
  'Version/17.5 Mobile/15E148 Safari/604.1';
const HOUR = 3_600_000;

const open = (w: LeadPageWorld, path: string, userAgent = IPHONE) =>
  w.app.request(path, { headers: { 'User-Agent': userAgent } });
const press = (w: LeadPageWorld, path: string, button: 'save' | 'showing') =>
  w.app.request(`${path}/${button}`, {
    method: 'POST',
    headers: { 'User-Agent': IPHONE, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: '',
  });

async function activities(w: LeadPageWorld, kind: string) {
  return w.rt.db
    .select()
    .from(leadActivities)
    .where(and(eq(leadActivities.leadId, w.lead.id), eq(leadActivities.kind, kind)));
}

const hotLeadAlerts = (w: LeadPageWorld) =>
  w.rt.db
    .select()
    .from(alerts)
    .where(and(eq(alerts.leadId, w.lead.id), eq(alerts.kind, 'hot_lead')));

describe('the lead listing page (/l/:token)', () => {
  it('"Send to lead" texts a link to the lead page; opening it shows the home and records one view', async () => {
    const w = await createLeadPageWorld();
    const link = await w.textListingToLead();
    expect(w.sms).toHaveLength(1);
    expect(w.sms[0].to).toBe(LEAD_PHONE);
    expect(link).toMatch(/^https:\/\/porchlight\.test\/l\/[\w-]+\.[\w-]+$/);
    expect(w.sms[0].body).toContain(`1204 Elm St, $589,000, 3 bd/2 ba. ${link}`);
    expect(w.sms[0].body).not.toContain('/listings/');

    const path = new URL(link).pathname;
    const page = await open(w, path);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.headers.get('cache-control')).toBe('no-store');
    const html = await page.text();
    for (const shown of ['$589,000', '$610,000', '3 bd · 2 ba · 1,850 sq ft', '1204 Elm St', 'Austin, TX 78704'])
      expect(html).toContain(shown);
    expect(html).toContain(`src="${PHOTO_URL}"`);
    // Why it matched comes from the stored match; a factor that scored nothing is not a reason.
    expect(html).toContain('Under your $650,000 budget');
    expect(html).toContain('In 78704, one of your areas');
    expect(html).not.toContain('No pool');
    // Feed text is shown, never run as markup.
    expect(html).toContain('new roof in 2024 &amp; a fenced yard &lt;3 blocks from the park&gt;.');
    expect(html).toContain(`<form method="post" action="${path}/showing">`);
    expect(html).toContain(`<form method="post" action="${path}/save">`);
    expect(html).toMatch(/<a href="https:\/\/porchlight\.test\/unsubscribe\/[\w-]+\.[\w-]+">Stop texts<\/a>/);
    expect(html).not.toContain('<script');

    const views = await activities(w, 'listing_view');
    expect(views).toHaveLength(1);
    expect(views[0]).toMatchObject({
      listingKey: LISTING.ListingKey,
      channel: 'web',
      source: 'lead_page',
      meta: { via: 'sms' },
    });
    // The view re-scores the lead through the usual job.
    expect(await drainJobs(w.rt, ['lead.score'])).toEqual({ 'lead.score': 1 });

    // A reload a few minutes later is the same visit.
    w.clock.advance(5 * 60_000);
    expect((await open(w, path)).status).toBe(200);
    expect(await activities(w, 'listing_view')).toHaveLength(1);
  });

  it('three opens in 24 hours raise the hot-lead burst alert; link previewers count for nothing', async () => {
    const w = await createLeadPageWorld();
    const path = new URL(await w.textListingToLead()).pathname;
    // iMessage/WhatsApp previews and mail scanners fetch the link before the lead does.
    for (const robot of ['facebookexternalhit/1.1', 'WhatsApp/2.23.20.0 A', 'Mozilla/5.0 (compatible; Barracuda)'])
      expect((await open(w, path, robot)).status).toBe(200);
    expect(await activities(w, 'listing_view')).toHaveLength(0);

    for (const gap of [0, 3 * HOUR, 5 * HOUR]) {
      expect(await hotLeadAlerts(w)).toHaveLength(0);
      w.clock.advance(gap);
      expect((await open(w, path)).status).toBe(200);
      await drainJobs(w.rt, ['lead.score']);
    }
    const [burst] = await hotLeadAlerts(w);
    expect(burst).toMatchObject({
      priority: 'high',
      reason: `hot lead: viewed listing ${LISTING.ListingKey} 3 times in 24 hours`,
      details: expect.objectContaining({ signal: 'listing_burst', listingKey: LISTING.ListingKey }),
    });
    expect(await activities(w, 'listing_view')).toHaveLength(3);
  });

  it('"Save" and "I\'d like to see it" record a save and a showing request, a critical hot lead', async () => {
    const w = await createLeadPageWorld();
    const path = new URL(await w.textListingToLead()).pathname;

    const saved = await press(w, path, 'save');
    expect(saved.status).toBe(200);
    expect(await saved.text()).toContain('1204 Elm St is saved.');
    expect((await press(w, path, 'save')).status).toBe(200);
    const saves = await activities(w, 'listing_save');
    expect(saves).toHaveLength(1);
    expect(saves[0]).toMatchObject({ listingKey: LISTING.ListingKey, source: 'lead_page', meta: { via: 'sms' } });

    w.clock.advance(60_000);
    const asked = await press(w, path, 'showing');
    expect(asked.status).toBe(200);
    const done = await asked.text();
    expect(done).toContain('Hill Country Homes will be in touch soon to set up a showing of 1204 Elm St.');
    expect(done).toContain(`href="${path}"`);
    expect(await activities(w, 'showing_request')).toHaveLength(1);

    await drainJobs(w.rt, ['lead.score']);
    const [hot] = await hotLeadAlerts(w);
    expect(hot).toMatchObject({
      priority: 'critical',
      reason: `hot lead: asked to see listing ${LISTING.ListingKey}`,
      details: expect.objectContaining({ signal: 'showing_request' }),
    });
  });

  it('a forged, altered, foreign or other-purpose token is a 404 page and records nothing', async () => {
    const w = await createLeadPageWorld();
    const path = new URL(await w.textListingToLead()).pathname;
    const token = path.slice('/l/'.length);
    const [payload, mac] = token.split('.');
    const keys = secretKeys(w.rt.env);
    const now = w.rt.clock.now();
    const link = { tenantId: w.tenant.id, leadId: w.lead.id, listingKey: LISTING.ListingKey, via: 'sms' as const };
    const { tenant: other } = await makeTenant(w.rt);
    const bad = [
      'nope',
      `${payload}.${mac.slice(0, -2)}${mac.endsWith('AA') ? 'BB' : 'AA'}`,
      `${payload.slice(0, -2)}${payload.endsWith('AA') ? 'BB' : 'AA'}.${mac}`,
      signLeadListingToken('another-install-secret-0123456789', link, now),
      // A real signature over another tenant: Ana is not that tenant's lead.
      signLeadListingToken(keys, { ...link, tenantId: other.id }, now),
      signLeadListingToken(keys, { ...link, listingKey: 'NOT-A-LISTING' }, now),
      // An OAuth install state signed with the same secret is not a listing link.
      signState(keys, { purpose: 'ghl-install', tenantId: w.tenant.id, nonce: 'n1' }, now),
    ];
    for (const forged of bad) {
      const page = await open(w, `/l/${forged}`);
      expect(page.status, forged).toBe(404);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await page.text()).toContain('Listing not found');
      expect((await press(w, `/l/${forged}`, 'showing')).status).toBe(404);
    }
    expect(await w.rt.db.select().from(leadActivities).where(eq(leadActivities.source, 'lead_page'))).toEqual([]);
  });

  it('the daily digest email links each home to the page, whose footer unsubscribes the email address', async () => {
    const w = await createLeadPageWorld();
    await w.rt.db.update(savedSearches).set({ frequency: 'daily' }).where(eq(savedSearches.leadId, w.lead.id));
    const [queued] = await sendLeadDigests(w.rt, 'daily');
    const [email] = await w.rt.db.select().from(leadMessages).where(eq(leadMessages.deliveryId, queued.deliveryId));
    const link = email.body?.match(/^View: (\S+)$/m)?.[1];
    expect(link).toMatch(/^https:\/\/porchlight\.test\/l\/[\w-]+\.[\w-]+$/);
    expect(email.html).toContain(`<a href="${link}">View this home</a>`);

    const page = await open(w, new URL(link!).pathname);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(
      /<a href="https:\/\/porchlight\.test\/unsubscribe\/[\w-]+\.[\w-]+">Unsubscribe<\/a>/,
    );
    const [view] = await activities(w, 'listing_view');
    expect(view).toMatchObject({ listingKey: LISTING.ListingKey, meta: { via: 'email' } });
  });

  it("a team's MLS/IDX listing URL template still wins over the page", async () => {
    const w = await createLeadPageWorld({
      settings: { listingUrlTemplate: 'https://idx.hillcountry.test/homes/{listingKey}?ref=text' },
    });
    expect(await w.textListingToLead()).toBe('https://idx.hillcountry.test/homes/ATX-1204?ref=text');
    expect(w.sms[0].body).not.toContain('/l/');
  });
});
