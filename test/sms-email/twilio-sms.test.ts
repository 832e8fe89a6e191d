import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import {
  createHarness,
  twilioSignature,
  ACCOUNT_SID,
  TEAM_NUMBER,
  PUBLIC_BASE_URL,
  nextSid,
  type Harness,
} from './harness.ts';
import { platformFixture } from '../messaging/platform-fixture.ts';
import { consentEvents, deliveries, inboundEvents, leadActivities, leads } from '../../db/schema/index.ts';
import { getConsent } from '../../db/queries/consent.ts';
import { createLead } from '../../db/queries/leads.ts';
import { insertAlert } from '../../db/queries/alerts/insert-alert.ts';
import { smsChannel } from '../../bots/sms/sms-channel.ts';
import { fixedClock } from '../helpers/runtime.ts';

const LEAD = '+15125550123';
const twiml = (msg?: string) =>
  msg === undefined
    ? '<?xml version="1.0" encoding="UTF-8"?><Response/>'
    : `<?xml version="1.0" encoding="UTF-8"?><Response><Message>${msg}</Message></Response>`;

async function listingAlertToLead(h: Harness, leadId: string, key: string) {
  const alert = (await insertAlert(h.rt.db, {
    tenantId: h.tenant.id,
    kind: 'listing_match',
    priority: 'normal',
    leadId,
    listingKey: 'L-100',
    dedupeKey: key,
    reason: 'listing matches at 91',
    expiresAt: new Date('2030-01-01'),
  }))!;
  return smsChannel.deliverAlert(h.rt, {
    tenant: h.tenant,
    recipient: LEAD,
    recipientKind: 'lead',
    idempotencyKey: `${alert.id}:sms:${LEAD}`,
    view: {
      alertId: alert.id,
      kind: 'listing_match',
      priority: 'normal',
      status: 'open',
      reason: 'listing matches at 91',
      lead: { name: 'Ana Lopez', score: 60, temperature: 'warm' },
      listing: { listingKey: 'L-100', address: '1204 Elm St', price: 589000, beds: 3, baths: 2 },
    },
  });
}

describe('POST /webhooks/twilio/sms: signatures', () => {
  const docs = platformFixture('twilio-signature-docs-vector-example-com.json');
  const lib = platformFixture('twilio-signature-library-vectors-mycompany.json');

  it("the test signer reproduces Twilio's documented and helper-library vectors", () => {
    expect(twilioSignature(docs.auth_token, docs.url, docs.params)).toBe(docs.expected_signature);
    expect(twilioSignature(lib.auth_token, lib.url, lib.params)).toBe(lib.expected_signature);
    expect(twilioSignature(lib.auth_token, 'https://mycompany.com:443/myapp.php?foo=1&bar=2', lib.params)).toBe(
      lib.variants[1].signature,
    );
    expect(
      twilioSignature(lib.auth_token, lib.url, { Digits: ['5678', '1234', '1234'], Sid: 'CA123', SidAccount: 'AC123' }),
    ).toBe(lib.variants[3].signature);
  });

  it("accepts the vectors' token and form through the route at PUBLIC_BASE_URL (with and without :443, with a query), refuses tampering with 401 and keeps it", async () => {
    const h = await createHarness({
      env: { PUBLIC_BASE_URL: 'https://mycompany.com', TWILIO_AUTH_TOKEN: lib.auth_token },
    });
    const params = { ...docs.params, MessageSid: 'SM' + 'a'.repeat(32), Body: 'hello', To: TEAM_NUMBER };
    const post = (path: string, p: Record<string, string>, signature: string) =>
      h.app.request(path, {
        method: 'POST',
        body: new URLSearchParams(p).toString(),
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': signature },
      });
    const sign = (url: string, p = params) => twilioSignature(lib.auth_token, url, p);
    expect((await post('/webhooks/twilio/sms', params, sign('https://mycompany.com/webhooks/twilio/sms'))).status).toBe(
      200,
    );
    const p2 = { ...params, MessageSid: 'SM' + 'b'.repeat(32) };
    expect(
      (await post('/webhooks/twilio/sms', p2, sign('https://mycompany.com:443/webhooks/twilio/sms', p2))).status,
    ).toBe(200);
    const p3 = { ...params, MessageSid: 'SM' + 'c'.repeat(32) };
    expect(
      (
        await post(
          '/webhooks/twilio/sms?foo=1&bar=2',
          p3,
          sign('https://mycompany.com/webhooks/twilio/sms?foo=1&bar=2', p3),
        )
      ).status,
    ).toBe(200);

    const good = sign('https://mycompany.com/webhooks/twilio/sms');
    const tampered = [
      post('/webhooks/twilio/sms', { ...params, Body: 'hellO' }, good),
      post('/webhooks/twilio/sms', { ...params, Extra: 'x' }, good),
      post('/webhooks/twilio/sms', params, sign('https://example.com/webhooks/twilio/sms')),
      post('/webhooks/twilio/sms', params, docs.expected_signature),
      post('/webhooks/twilio/sms', params, ''),
      post('/webhooks/twilio/status', params, good),
    ];
    for (const res of await Promise.all(tampered)) {
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ error: { code: 'invalid_signature' } });
    }
    const rejected = await h.rt.db.select().from(inboundEvents).where(eq(inboundEvents.status, 'rejected'));
    expect(rejected).toHaveLength(6);
    expect(rejected.every((r) => r.provider === 'twilio' && !r.verified && r.rawBody.length > 0)).toBe(true);
  });
});

describe('POST /webhooks/twilio/sms: keywords and the consent ledger', () => {
  it('a STOP is mirrored onto the GHL contact as SMS DND, and START lifts it, in the same transaction as the ledger', async () => {
    const h = await createHarness({ clock: fixedClock('2026-06-10T17:00:00Z') });
    await createLead(h.rt.db, {
      tenantId: h.tenant.id,
      name: 'Ana Lopez',
      phone: LEAD,
      ghlContactId: 'ghl-ana',
      ghlLocationId: 'loc-1',
    });
    await h.text(LEAD, 'STOP');
    await h.text(LEAD, 'START');
    const jobs = (await h.rt.queue.boss.findJobs('ghl.writeback', {}))
      .map((j) => j.data)
      .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    expect(jobs).toEqual([
      {
        tenantId: h.tenant.id,
        locationId: 'loc-1',
        op: 'set_dnd',
        args: { contactId: 'ghl-ana', channel: 'SMS', active: false, reason: 'texted START (Porchlight)' },
      },
      {
        tenantId: h.tenant.id,
        locationId: 'loc-1',
        op: 'set_dnd',
        args: { contactId: 'ghl-ana', channel: 'SMS', active: true, reason: 'texted STOP (Porchlight)' },
      },
    ]);
  });

  it('STOP answers with the confirmation, then a listing alert to that lead sends nothing and is recorded; START re-enables', async () => {
    const h = await createHarness({ clock: fixedClock('2026-06-10T17:00:00Z') });
    const lead = await createLead(h.rt.db, {
      tenantId: h.tenant.id,
      name: 'Ana Lopez',
      phone: LEAD,
      postalCode: '78704',
    });

    const stop = await h.text(LEAD, ' Stop ');
    expect(stop.headers.get('content-type')).toContain('text/xml');
    expect(await stop.text()).toBe(
      twiml(
        'Hill Country Homes: You have been unsubscribed and will receive no more messages from this number. Reply START to resubscribe.',
      ),
    );
    expect(await getConsent(h.rt.db, h.tenant.id, 'sms', LEAD)).toMatchObject({
      status: 'opted_out',
      source: 'sms_keyword',
    });

    const blocked = await listingAlertToLead(h, lead.id, 'a1');
    expect(blocked).toEqual({ status: 'suppressed', reason: 'sms recipient opted out or is suppressed' });
    expect(h.sms).toHaveLength(0);
    const [row] = await h.rt.db.select().from(deliveries).where(eq(deliveries.recipient, LEAD));
    expect(row).toMatchObject({
      status: 'suppressed',
      error: 'sms recipient opted out or is suppressed',
      providerMessageId: null,
    });
    const [attempt] = await h.rt.db.select().from(leadActivities).where(eq(leadActivities.kind, 'message_suppressed'));
    expect(attempt.meta).toMatchObject({ reason: 'sms recipient opted out or is suppressed' });

    expect(await (await h.text(LEAD, 'START')).text()).toBe(
      twiml(
        'Hill Country Homes: You are resubscribed to messages from this number. Msg &amp; data rates may apply. Reply HELP for help, STOP to opt out.',
      ),
    );
    const sent = await listingAlertToLead(h, lead.id, 'a2');
    expect(sent).toMatchObject({ status: 'sent' });
    expect(h.sms).toHaveLength(1);
    expect(h.sms[0]).toMatchObject({
      to: LEAD,
      from: TEAM_NUMBER,
      statusCallback: `${PUBLIC_BASE_URL}/webhooks/twilio/status`,
    });
    // First automated text carries the opt-out line exactly once.
    expect(h.sms[0].body).toMatch(
      /^Hill Country Homes: a home that fits your search: 1204 Elm St, \$589,000, 3 bd\/2 ba\. https:\/\/porchlight\.test\/l\/[\w-]+\.[\w-]+ Reply STOP to opt out\.$/,
    );
    const ledger = await h.rt.db
      .select()
      .from(consentEvents)
      .where(eq(consentEvents.address, LEAD))
      .orderBy(consentEvents.createdAt);
    expect(ledger.map((e) => [e.status, e.reason])).toEqual([
      ['opted_out', 'STOP'],
      ['opted_in', 'START'],
    ]);
  });

  it('HELP answers with the tenant help text; a redelivered MessageSid gets the same TwiML and changes nothing', async () => {
    const h = await createHarness();
    const sid = nextSid();
    const help = twiml(
      'Hill Country Homes: Hill Country Homes, 512-555-0100, help@hillcountry.test Reply STOP to opt out.',
    );
    expect(await (await h.text(LEAD, 'help', sid)).text()).toBe(help);
    expect(await (await h.text(LEAD, 'help', sid)).text()).toBe(help);
    const events = await h.rt.db.select().from(inboundEvents).where(eq(inboundEvents.provider, 'twilio'));
    expect(events).toHaveLength(1);
    expect(await h.rt.queue.boss.findJobs('sms.inbound', {})).toHaveLength(1);

    const stopSid = nextSid();
    await h.text(LEAD, 'STOP', stopSid);
    await h.text(LEAD, 'YES');
    expect(await getConsent(h.rt.db, h.tenant.id, 'sms', LEAD)).toMatchObject({ status: 'opted_in' });
    // Twilio retrying the old STOP must not opt the lead out again.
    await h.text(LEAD, 'STOP', stopSid);
    expect(await getConsent(h.rt.db, h.tenant.id, 'sms', LEAD)).toMatchObject({ status: 'opted_in' });
  });

  it('with Twilio Advanced Opt-Out answering keywords, STOP still reaches the ledger but our TwiML is empty', async () => {
    const h = await createHarness({ settings: { sms: { twilioHandlesKeywords: true } } });
    expect(await (await h.text(LEAD, 'STOP')).text()).toBe(twiml());
    expect(await getConsent(h.rt.db, h.tenant.id, 'sms', LEAD)).toMatchObject({ status: 'opted_out' });
  });
});

describe('POST /webhooks/twilio/status', () => {
  it('applies callbacks out of order (a late sent never overwrites delivered), dedupes, and 21610 opts the number out', async () => {
    const h = await createHarness({ clock: fixedClock('2026-06-10T17:00:00Z') });
    const lead = await createLead(h.rt.db, {
      tenantId: h.tenant.id,
      name: 'Ana Lopez',
      phone: LEAD,
      postalCode: '78704',
    });
    await listingAlertToLead(h, lead.id, 's1');
    const [row] = await h.rt.db.select().from(deliveries);
    expect(row.status).toBe('sent');
    const sample = platformFixture('twilio-status-callback-sample.json').params;
    const status = (s: string, extra: Record<string, string> = {}) =>
      h.twilioPost('/webhooks/twilio/status', {
        ...sample,
        AccountSid: ACCOUNT_SID,
        MessageSid: row.providerMessageId!,
        SmsSid: row.providerMessageId!,
        MessageStatus: s,
        SmsStatus: s,
        ...extra,
      });

    expect((await status('delivered')).status).toBe(204);
    expect((await status('sent')).status).toBe(204);
    expect((await status('sent')).status).toBe(204);
    await h.drain('sms.status');
    const [after] = await h.rt.db.select().from(deliveries);
    expect(after.status).toBe('delivered');
    expect(await h.rt.db.select().from(inboundEvents).where(eq(inboundEvents.type, 'sms.status'))).toHaveLength(2);

    await status('undelivered', { ErrorCode: '21610' });
    await h.drain('sms.status');
    expect((await h.rt.db.select().from(deliveries))[0].status).toBe('delivered');
    expect(await getConsent(h.rt.db, h.tenant.id, 'sms', LEAD)).toMatchObject({
      status: 'opted_out',
      source: 'twilio_21610',
    });
  });

  it('a 21610 answer to a send marks the number opted out and records the attempt as suppressed', async () => {
    const { http, HttpResponse } = await import('msw');
    const { server } = await import('../msw/server.ts');
    const h = await createHarness({ clock: fixedClock('2026-06-10T17:00:00Z') });
    const fixture = platformFixture('twilio-error-21610-response-shape.json');
    server.use(
      http.post('https://twilio.test/2010-04-01/Accounts/:sid/Messages.json', () =>
        HttpResponse.json(fixture.body, { status: fixture.http_status }),
      ),
    );
    const lead = await createLead(h.rt.db, {
      tenantId: h.tenant.id,
      name: 'Ana Lopez',
      phone: LEAD,
      postalCode: '78704',
    });
    expect(await listingAlertToLead(h, lead.id, 'x1')).toMatchObject({ status: 'suppressed' });
    expect(await getConsent(h.rt.db, h.tenant.id, 'sms', LEAD)).toMatchObject({
      status: 'opted_out',
      source: 'twilio_21610',
    });
    expect(
      (
        await h.rt.db
          .select()
          .from(deliveries)
          .where(and(eq(deliveries.recipient, LEAD)))
      )[0].status,
    ).toBe('suppressed');
    expect((await h.rt.db.select().from(leads)).length).toBe(1);
  });
});
