import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createSign, generateKeyPairSync } from 'node:crypto';
import { createHarness, SENDGRID_API, type Harness } from './harness.ts';
import { fixedClock } from '../helpers/runtime.ts';
import { platformFixture } from '../messaging/platform-fixture.ts';
import { createLead } from '../../db/queries/leads.ts';
import { getConsent } from '../../db/queries/consent.ts';
import { deliveries, inboundEvents, leadActivities, listings, matches, savedSearches } from '../../db/schema/index.ts';
import { sendLeadDigests } from '../../jobs/shared/lead-digests.ts';

const EMAIL = 'ana.lopez@example.com';

async function leadWithMatches(h: Harness, count: number) {
  const lead = await createLead(h.rt.db, {
    tenantId: h.tenant.id,
    name: 'Ana Lopez',
    firstName: 'Ana',
    email: EMAIL,
    phone: '+15125550123',
  });
  const [search] = await h.rt.db
    .insert(savedSearches)
    .values({
      tenantId: h.tenant.id,
      leadId: lead.id,
      maxPrice: 650000,
      minBeds: 3,
      postalCodes: ['78704'],
      frequency: 'daily',
    })
    .returning();
  for (let i = 1; i <= count; i++) {
    const key = `ATX-${i}`;
    await h.rt.db.insert(listings).values({
      tenantId: h.tenant.id,
      listingKey: key,
      standardStatus: 'Active',
      listPrice: 500000 + i * 10000,
      bedroomsTotal: 3,
      bathroomsTotalInteger: 2,
      city: 'Austin',
      postalCode: '78704',
      data: { UnparsedAddress: `${100 + i} Oltorf St`, Media: [{ MediaURL: `https://photos.test/${key}.jpg` }] },
    });
    await h.rt.db.insert(matches).values({
      tenantId: h.tenant.id,
      savedSearchId: search.id,
      leadId: lead.id,
      listingKey: key,
      triggerKey: `change-${i}`,
      score: 80 + i,
      breakdown: [
        { factor: 'price', score: 1, weight: 0.4, text: 'Under your $650,000 budget' },
        { factor: 'area', score: 1, weight: 0.3, text: 'In 78704' },
      ],
    });
  }
  return lead;
}

describe('lead digests', () => {
  it('renders a daily digest of 5 matches and sends it with both one-click unsubscribe headers, once', async () => {
    const clock = fixedClock('2026-06-10T13:00:00Z');
    const h = await createHarness({ clock });
    const lead = await leadWithMatches(h, 5);
    const queued = await sendLeadDigests(h.rt, 'daily');
    expect(queued).toHaveLength(1);
    // The send is its own job (retried on a provider outage), queued with the digest.
    await h.drain('sms.send');
    expect((await h.rt.db.select().from(deliveries).where(eq(deliveries.id, queued[0].deliveryId)))[0].status).toBe(
      'sent',
    );
    expect(h.emails).toHaveLength(1);
    const { body, auth } = h.emails[0];
    expect(auth).toBe('Bearer SG.test-key');
    expect(body.subject).toBe('5 new homes matching your search today');
    expect(body.from).toEqual({ email: 'alerts@hillcountry.test' });
    expect(body.personalizations[0].to).toEqual([{ email: EMAIL }]);
    const unsubscribe = body.headers['List-Unsubscribe'] as string;
    expect(unsubscribe).toMatch(/^<https:\/\/porchlight\.test\/unsubscribe\/[\w-]+\.[\w-]+>$/);
    expect(body.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    expect(body.custom_args).toMatchObject({ tenantId: h.tenant.id, leadId: lead.id, deliveryId: expect.any(String) });
    const [text, html] = [
      body.content.find((c: { type: string }) => c.type === 'text/plain').value,
      body.content.find((c: { type: string }) => c.type === 'text/html').value,
    ];
    for (let i = 1; i <= 5; i++) {
      expect(html).toContain(`https://photos.test/ATX-${i}.jpg`);
      expect(text).toContain(`${100 + i} Oltorf St, Austin`);
      expect(text).toContain(`$${(500 + i * 10).toLocaleString('en-US')},000 · 3 bd · 2 ba`);
    }
    expect(text).toContain('Hi Ana, here are 5 new homes that matched your search today.');
    expect(text).toContain('Why it matched: Under your $650,000 budget; In 78704');
    expect(text).toContain('100 Congress Ave, Austin, TX 78701');
    expect(text).toContain('Unsubscribe: https://porchlight.test/unsubscribe/');
    // Best match first.
    expect(text.indexOf('105 Oltorf St')).toBeLessThan(text.indexOf('101 Oltorf St'));

    expect(await sendLeadDigests(h.rt, 'daily')).toEqual([]);
    expect(h.emails).toHaveLength(1);

    // The link in the header is the one-click endpoint: POST opts the address out, and the next digest is suppressed.
    const path = new URL(unsubscribe.slice(1, -1)).pathname;
    const page = await h.app.request(path);
    expect(page.status).toBe(200);
    expect(await getConsent(h.rt.db, h.tenant.id, 'email', EMAIL)).toBeUndefined();
    expect(await page.text()).toContain('<form method="post">');
    const oneClick = await h.app.request(path, {
      method: 'POST',
      body: 'List-Unsubscribe=One-Click',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(oneClick.status).toBe(200);
    expect(await getConsent(h.rt.db, h.tenant.id, 'email', EMAIL)).toMatchObject({
      status: 'opted_out',
      source: 'unsubscribe_link',
      reason: 'one-click (RFC 8058)',
    });
    clock.advance(86_400_000);
    await h.rt.db.insert(matches).values({
      tenantId: h.tenant.id,
      savedSearchId: (await h.rt.db.select().from(savedSearches))[0].id,
      leadId: lead.id,
      listingKey: 'ATX-1',
      triggerKey: 'later',
      score: 90,
      breakdown: [],
    });
    const [suppressed] = await sendLeadDigests(h.rt, 'daily');
    await h.drain('sms.send');
    expect((await h.rt.db.select().from(deliveries).where(eq(deliveries.id, suppressed.deliveryId)))[0].status).toBe(
      'suppressed',
    );
    expect(h.emails).toHaveLength(1);
  });

  it('refuses a tampered unsubscribe token with 400 on GET and POST', async () => {
    const h = await createHarness();
    expect((await h.app.request('/unsubscribe/abc.def')).status).toBe(400);
    const res = await h.app.request('/unsubscribe/abc.def', { method: 'POST', body: 'List-Unsubscribe=One-Click' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'bad_request' } });
  });
});

describe('POST /webhooks/sendgrid/events', () => {
  const v = platformFixture('sendgrid-eventwebhook-signature-vector.json');
  const signedAt = Number(v.headers['X-Twilio-Email-Event-Webhook-Timestamp']);

  it("accepts SendGrid's signed vector inside the window; refuses tampering and replays with 401", async () => {
    const clock = fixedClock(new Date((signedAt + 60) * 1000));
    const h = await createHarness({ clock, env: { SENDGRID_WEBHOOK_PUBLIC_KEY: v.public_key_base64_spki } });
    const post = (body: string, headers: Record<string, string>) =>
      h.app.request('/webhooks/sendgrid/events', {
        method: 'POST',
        body,
        headers: { 'Content-Type': 'application/json', ...headers },
      });
    const ok = await post(v.raw_body, v.headers);
    expect(ok.status).toBe(204);
    // The vector's body is one test object, not an event array: kept as quarantined, not lost.
    expect(await h.rt.db.select().from(inboundEvents).where(eq(inboundEvents.status, 'quarantined'))).toHaveLength(1);

    const bad = [
      post(v.negative_cases.bad_payload, v.headers),
      post(v.raw_body, { ...v.headers, 'X-Twilio-Email-Event-Webhook-Signature': v.negative_cases.bad_signature }),
      post(v.raw_body, { ...v.headers, 'X-Twilio-Email-Event-Webhook-Timestamp': String(signedAt + 1) }),
      post(v.raw_body, {}),
    ];
    for (const res of await Promise.all(bad)) expect(res.status).toBe(401);
    clock.set(new Date((signedAt + 301) * 1000));
    const replay = await post(v.raw_body, v.headers);
    expect(replay.status).toBe(401);
    expect((await replay.json()).error.message).toMatch(/outside the 300s window/);
    expect(await h.rt.db.select().from(inboundEvents).where(eq(inboundEvents.status, 'rejected'))).toHaveLength(5);
  });

  it('turns opens and clicks into lead activities, bounces into suppression, and dedupes per sg_event_id', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const clock = fixedClock('2026-06-10T13:00:00Z');
    const h = await createHarness({
      clock,
      env: { SENDGRID_WEBHOOK_PUBLIC_KEY: publicKey.export({ type: 'spki', format: 'der' }).toString('base64') },
    });
    const lead = await leadWithMatches(h, 1);
    await sendLeadDigests(h.rt, 'daily');
    await h.drain('sms.send');
    const [delivery] = await h.rt.db.select().from(deliveries);
    const ts = Math.floor(clock.now().getTime() / 1000);
    const args = { tenantId: h.tenant.id, leadId: lead.id, deliveryId: delivery.id };
    const events = [
      { event: 'delivered', email: EMAIL, timestamp: ts, sg_event_id: 'ev-1', sg_message_id: 'sg-1.filter', ...args },
      { event: 'open', email: EMAIL, timestamp: ts + 5, sg_event_id: 'ev-2', sg_message_id: 'sg-1.filter', ...args },
      {
        event: 'click',
        email: EMAIL,
        timestamp: ts + 9,
        sg_event_id: 'ev-3',
        url: 'https://porchlight.test/listings/ATX-1',
        ...args,
      },
      {
        event: 'bounce',
        email: EMAIL,
        timestamp: ts + 20,
        sg_event_id: 'ev-4',
        reason: '550 5.1.1 mailbox unavailable',
        status: '5.1.1',
        ...args,
      },
    ];
    const body = JSON.stringify(events);
    const sign = (payload: string) =>
      createSign('sha256')
        .update(String(ts) + payload)
        .sign(privateKey)
        .toString('base64');
    const headers = {
      'X-Twilio-Email-Event-Webhook-Signature': sign(body),
      'X-Twilio-Email-Event-Webhook-Timestamp': String(ts),
    };
    expect((await h.app.request('/webhooks/sendgrid/events', { method: 'POST', body, headers })).status).toBe(204);
    expect((await h.app.request('/webhooks/sendgrid/events', { method: 'POST', body, headers })).status).toBe(204);
    expect(await h.rt.queue.boss.findJobs('email.event', {})).toHaveLength(4);
    await h.drain('email.event');

    const kinds = (await h.rt.db.select().from(leadActivities).where(eq(leadActivities.source, 'sendgrid')))
      .map((a) => a.kind)
      .sort();
    expect(kinds).toEqual(['email_click', 'email_delivered', 'email_open']);
    expect(
      (await h.rt.queue.boss.findJobs('lead.score', {})).map((j) => (j.data as { trigger: string }).trigger).sort(),
    ).toEqual(['email.click', 'email.open']);
    expect(await getConsent(h.rt.db, h.tenant.id, 'email', EMAIL)).toMatchObject({
      status: 'suppressed',
      source: 'sendgrid_bounce',
    });
    expect((await h.rt.db.select().from(deliveries))[0].status).toBe('read');
  });
});
