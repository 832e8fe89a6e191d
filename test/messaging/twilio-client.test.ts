import { describe, expect, it } from 'vitest';
import { http, HttpResponse } from 'msw';
import { server } from '../msw/server.ts';
import { createTwilioClient } from '../../integrations/twilio/twilio-client.ts';
import { twimlReply } from '../../bots/sms/twiml-reply.ts';
import { platformFixture } from './platform-fixture.ts';

const ACCOUNT_SID = 'AC' + '0123456789abcdef'.repeat(2);
const AUTH_TOKEN = 'auth-token-1';
const MESSAGE_SID = 'SM' + 'fedcba9876543210'.repeat(2);

/** Twilio's documented create-message answer (201), for the message the request asked for. */
function createdMessage(form: URLSearchParams) {
  return {
    account_sid: ACCOUNT_SID,
    api_version: '2010-04-01',
    body: form.get('Body'),
    date_created: 'Thu, 11 Jun 2026 14:00:00 +0000',
    date_sent: null,
    date_updated: 'Thu, 11 Jun 2026 14:00:00 +0000',
    direction: 'outbound-api',
    error_code: null,
    error_message: null,
    from: form.get('From'),
    messaging_service_sid: form.get('MessagingServiceSid'),
    num_media: '0',
    num_segments: '1',
    price: null,
    price_unit: 'USD',
    sid: MESSAGE_SID,
    status: 'queued',
    subresource_uris: { media: `/2010-04-01/Accounts/${ACCOUNT_SID}/Messages/${MESSAGE_SID}/Media.json` },
    to: form.get('To'),
    uri: `/2010-04-01/Accounts/${ACCOUNT_SID}/Messages/${MESSAGE_SID}.json`,
  };
}

function captureTwilio(origin: string, answer?: () => Response) {
  const seen: Array<{ url: string; form: URLSearchParams; auth: string | null; contentType: string | null }> = [];
  server.use(
    http.post(`${origin}/2010-04-01/Accounts/:sid/Messages.json`, async ({ request }) => {
      const form = new URLSearchParams(await request.text());
      seen.push({
        url: request.url,
        form,
        auth: request.headers.get('authorization'),
        contentType: request.headers.get('content-type'),
      });
      return answer ? answer() : HttpResponse.json(createdMessage(form), { status: 201 });
    }),
  );
  return seen;
}

describe('twilio client', () => {
  it('sends through the SDK with the exact form Twilio expects and returns the sid', async () => {
    const seen = captureTwilio('https://api.twilio.com');
    const sms = createTwilioClient({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, fromNumber: '+15125550100' });
    const result = await sms.sendSms({
      to: '+15125550123',
      body: 'New match: 3 bd in 78704 $589k',
      statusCallback: 'https://porch.example/webhooks/twilio/status',
    });

    expect(result).toEqual({ ok: true, sid: MESSAGE_SID, status: 'queued' });
    expect(seen).toHaveLength(1);
    expect(seen[0].url).toBe(`https://api.twilio.com/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`);
    expect(Object.fromEntries(seen[0].form)).toEqual({
      To: '+15125550123',
      From: '+15125550100',
      Body: 'New match: 3 bd in 78704 $589k',
      StatusCallback: 'https://porch.example/webhooks/twilio/status',
    });
    expect(seen[0].contentType).toBe('application/x-www-form-urlencoded');
    expect(seen[0].auth).toBe(`Basic ${Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64')}`);
  });

  it('uses the messaging service instead of a from number when configured, at TWILIO_API_URL', async () => {
    const seen = captureTwilio('http://127.0.0.1:4010/twilio');
    const sms = createTwilioClient({
      accountSid: ACCOUNT_SID,
      authToken: AUTH_TOKEN,
      messagingServiceSid: 'MG' + 'a'.repeat(32),
      apiUrl: 'http://127.0.0.1:4010/twilio',
    });
    const result = await sms.sendSms({ to: '+15125550123', body: 'hi' });
    expect(result.ok).toBe(true);
    expect(seen[0].url).toBe(`http://127.0.0.1:4010/twilio/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`);
    expect(Object.fromEntries(seen[0].form)).toEqual({
      To: '+15125550123',
      MessagingServiceSid: 'MG' + 'a'.repeat(32),
      Body: 'hi',
    });
  });

  it('turns Twilio 21610 into a permanent, opted-out failure (data, not a throw)', async () => {
    const fixture = platformFixture('twilio-error-21610-response-shape.json');
    captureTwilio('https://api.twilio.com', () => HttpResponse.json(fixture.body, { status: fixture.http_status }));
    const sms = createTwilioClient({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, fromNumber: '+15125550100' });
    expect(await sms.sendSms({ to: '+15125550123', body: 'hi' })).toEqual({
      ok: false,
      code: 21610,
      status: 400,
      message: 'Attempt to send to unsubscribed recipient',
      permanent: true,
      optedOut: true,
    });
  });

  it('marks server errors and rate limits as worth retrying', async () => {
    const sms = createTwilioClient({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, fromNumber: '+15125550100' });
    captureTwilio('https://api.twilio.com', () =>
      HttpResponse.json(
        {
          code: 20429,
          message: 'Too Many Requests',
          more_info: 'https://www.twilio.com/docs/errors/20429',
          status: 429,
        },
        { status: 429 },
      ),
    );
    expect(await sms.sendSms({ to: '+15125550123', body: 'hi' })).toMatchObject({
      ok: false,
      code: 20429,
      permanent: false,
      optedOut: false,
    });
    server.resetHandlers();
    captureTwilio('https://api.twilio.com', () =>
      HttpResponse.json({ code: 20500, message: 'Internal Server Error', status: 500 }, { status: 500 }),
    );
    expect(await sms.sendSms({ to: '+15125550123', body: 'hi' })).toMatchObject({ ok: false, permanent: false });
  });

  it('refuses a config with no sender, naming the rule', () => {
    expect(() => createTwilioClient({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN })).toThrow(
      /fromNumber or messagingServiceSid is required/,
    );
  });
});

describe('twimlReply', () => {
  it('answers with one escaped <Message>, or an empty <Response/>', () => {
    expect(twimlReply('Beds & baths <3?')).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><Response><Message>Beds &amp; baths &lt;3?</Message></Response>',
    );
    expect(twimlReply()).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
  });

  it('writes what the Twilio SDK writes, character for character', async () => {
    const { default: twilio } = await import('twilio');
    const sdk = (...bodies: string[]) => {
      const response = new twilio.twiml.MessagingResponse();
      for (const body of bodies) response.message(body);
      return response.toString();
    };
    const texts = [`a & b < c > d "q" 'x' \t ü 😀 ]]> \r\n end`, 'Reply STOP to opt out', '<Message>x</Message>'];
    for (const text of texts) expect(twimlReply(text)).toBe(sdk(text));
    expect(twimlReply(...texts)).toBe(sdk(...texts));
    // Where the SDK would throw on a character XML cannot hold, the reply drops it.
    expect(twimlReply('bell\u0007 here')).toBe(sdk('bell here'));
  });
});
