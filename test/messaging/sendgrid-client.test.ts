import { describe, expect, it } from 'vitest';
import { http, HttpResponse } from 'msw';
import { server } from '../msw/server.ts';
import { createSendgridClient } from '../../integrations/sendgrid/sendgrid-client.ts';
import { parseSendgridEvents, SUPPRESSING_EVENTS } from '../../bots/email/parse-sendgrid-events.ts';
import { renderDigestEmail } from '../../core/messaging/render-email.ts';
import { createUnsubscribeToken } from '../../core/messaging/unsubscribe-token.ts';
import { platformFixture } from './platform-fixture.ts';

function captureSendgrid(
  origin: string,
  answer: () => Response = () => new HttpResponse(null, { status: 202, headers: { 'X-Message-Id': 'msg_abc123' } }),
) {
  const seen: Array<{ url: string; body: any; auth: string | null }> = [];
  server.use(
    http.post(`${origin}/v3/mail/send`, async ({ request }) => {
      seen.push({ url: request.url, body: await request.json(), auth: request.headers.get('authorization') });
      return answer();
    }),
  );
  return seen;
}

const listing = (n: number) => ({
  listingKey: `L${n}`,
  url: `https://porch.example/l/L${n}`,
  address: `${n} Oak Ln`,
  city: 'Austin',
  price: 400_000 + n * 25_000,
  beds: 3,
  baths: 2,
  whyMatched: ['In 78704'],
});

describe('sendgrid client', () => {
  it('sends a five-match digest with both one-click unsubscribe headers and custom_args', async () => {
    const seen = captureSendgrid('http://127.0.0.1:4020');
    const token = createUnsubscribeToken(
      { tenantId: 't1', channel: 'email', address: 'ana@example.com', issuedAt: '2026-06-01T12:00:00.000Z' },
      'app-secret-0123456789',
    );
    const unsubscribeUrl = `https://porch.example/unsubscribe/${token}`;
    const digest = renderDigestEmail(
      {
        leadFirstName: 'Ana',
        teamName: 'Lone Star Realty',
        postalAddress: '100 Congress Ave, Austin, TX',
        unsubscribeUrl,
      },
      'daily',
      [1, 2, 3, 4, 5].map(listing),
    );

    const email = createSendgridClient({
      apiKey: 'SG.test-key',
      defaultFrom: 'alerts@lonestar.example',
      apiUrl: 'http://127.0.0.1:4020',
    });
    const result = await email.sendEmail({
      to: 'ana@example.com',
      ...digest,
      unsubscribeUrl,
      categories: ['digest'],
      customArgs: { tenant_id: 't1', lead_id: 'lead_9', alert_id: 'digest_2026-06-01' },
    });

    expect(result).toEqual({ ok: true, status: 202, messageId: 'msg_abc123' });
    expect(seen).toHaveLength(1);
    expect(seen[0].url).toBe('http://127.0.0.1:4020/v3/mail/send');
    expect(seen[0].auth).toBe('Bearer SG.test-key');
    expect(seen[0].body).toEqual({
      from: { email: 'alerts@lonestar.example' },
      subject: '5 new homes matching your search today',
      personalizations: [{ to: [{ email: 'ana@example.com' }] }],
      content: [
        { type: 'text/plain', value: digest.text },
        { type: 'text/html', value: digest.html },
      ],
      headers: { 'List-Unsubscribe': `<${unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
      custom_args: { tenant_id: 't1', lead_id: 'lead_9', alert_id: 'digest_2026-06-01' },
      categories: ['digest'],
    });
    expect(seen[0].body.content[1].value.match(/View this home/g)).toHaveLength(5);
  });

  it('goes to api.sendgrid.com when no base URL is set', async () => {
    const seen = captureSendgrid('https://api.sendgrid.com');
    const email = createSendgridClient({ apiKey: 'SG.test-key' });
    const result = await email.sendEmail({
      to: 'bo@example.com',
      from: { email: 'team@lonestar.example', name: 'Lone Star' },
      subject: 's',
      html: '<p>h</p>',
      text: 't',
    });
    expect(result.ok).toBe(true);
    expect(seen[0].body.from).toEqual({ email: 'team@lonestar.example', name: 'Lone Star' });
    expect(seen[0].body.headers).toBeUndefined();
  });

  it('returns a rejected send as data, permanent for 4xx and retryable for 429/5xx', async () => {
    const email = createSendgridClient({ apiKey: 'SG.test-key' });
    const send = () =>
      email.sendEmail({
        to: 'bo@example.com',
        from: 'team@lonestar.example',
        subject: 's',
        html: '<p>h</p>',
        text: 't',
      });
    captureSendgrid('https://api.sendgrid.com', () =>
      HttpResponse.json(
        {
          errors: [
            { message: 'The from address does not match a verified Sender Identity.', field: 'from', help: null },
          ],
        },
        { status: 403 },
      ),
    );
    expect(await send()).toEqual({
      ok: false,
      status: 403,
      permanent: true,
      message: 'from: The from address does not match a verified Sender Identity.',
    });
    server.resetHandlers();
    captureSendgrid('https://api.sendgrid.com', () =>
      HttpResponse.json({ errors: [{ message: 'too many requests', field: null, help: null }] }, { status: 429 }),
    );
    expect(await send()).toMatchObject({ ok: false, status: 429, permanent: false });
  });
});

describe('parseSendgridEvents', () => {
  it('types every documented event in the sample batch', () => {
    const sample = platformFixture('sendgrid-event-webhook-sample-events.json');
    const { events, rejected } = parseSendgridEvents(sample.events);
    expect(rejected).toEqual([]);
    expect(events.map((e) => e.kind)).toEqual([
      'processed',
      'deferred',
      'delivered',
      'open',
      'click',
      'bounce',
      'dropped',
      'spamreport',
      'unsubscribe',
      'group_unsubscribe',
      'group_resubscribe',
    ]);
    expect(events[4]).toEqual({
      kind: 'click',
      sgEventId: 'sg_event_id',
      sgMessageId: 'sg_message_id',
      email: 'example@test.com',
      occurredAt: new Date(1513299569 * 1000),
      categories: ['cat facts'],
      customArgs: {},
      url: 'http://www.sendgrid.com/',
    });
    expect(events[5]).toMatchObject({ kind: 'bounce', reason: '500 unknown recipient', smtpStatus: '5.0.0' });
    expect(events.filter((e) => SUPPRESSING_EVENTS.has(e.kind)).map((e) => e.kind)).toEqual([
      'bounce',
      'dropped',
      'spamreport',
      'unsubscribe',
      'group_unsubscribe',
    ]);
  });

  it('recovers our custom_args from the top-level keys and accepts category arrays', () => {
    const { events } = parseSendgridEvents([
      {
        email: 'ana@example.com',
        timestamp: 1780000000,
        event: 'open',
        sg_event_id: 'ev1',
        sg_message_id: 'm1',
        category: ['digest', 'daily'],
        tenant_id: 't1',
        lead_id: 'lead_9',
        useragent: 'x',
        ip: '1.2.3.4',
      },
    ]);
    expect(events[0].customArgs).toEqual({ tenant_id: 't1', lead_id: 'lead_9' });
    expect(events[0].categories).toEqual(['digest', 'daily']);
  });

  it('sets aside unreadable events without losing the rest of the batch', () => {
    const { events, rejected } = parseSendgridEvents([
      { email: 'a@example.com', timestamp: 1780000000, event: 'delivered', sg_event_id: 'ev1' },
      { email: 'a@example.com', timestamp: 1780000000, event: 'teleported', sg_event_id: 'ev2' },
      { email: 'a@example.com', event: 'open' },
    ]);
    expect(events.map((e) => e.sgEventId)).toEqual(['ev1']);
    expect(rejected.map((r) => r.index)).toEqual([1, 2]);
    expect(rejected[0].reason).toBe('unknown event "teleported"');
    expect(parseSendgridEvents({ not: 'an array' }).rejected[0].reason).toMatch(/not a JSON array/);
  });
});
