import { createHmac } from 'node:crypto';
import { http, HttpResponse } from 'msw';
import { server } from '../msw/server.ts';
import { createTestRuntime } from '../helpers/runtime.ts';
import { drainJobs } from '../helpers/drain-jobs.ts';
import { createApp } from '../../webhooks/app.ts';
import { createTenant, type Tenant } from '../../db/queries/tenants.ts';
import type { QueueName } from '../../jobs/catalogue.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import type { Clock } from '../../core/time/clock.ts';

export const ACCOUNT_SID = 'AC' + '0123456789abcdef'.repeat(2);
export const AUTH_TOKEN = '12345';
export const TEAM_NUMBER = '+15125550100';
export const TWILIO_API = 'https://twilio.test';
export const SENDGRID_API = 'https://sendgrid.test';
export const OPENAI_API = 'https://openai.test/v1';
export const PUBLIC_BASE_URL = 'https://porchlight.test';

/**
 * X-Twilio-Signature as Twilio computes it: base64 HMAC-SHA1 of the URL followed by every POST
 * parameter, sorted by name, as name+value. Checked against Twilio's own vectors in the tests.
 */
export function twilioSignature(token: string, url: string, params: Record<string, string | string[]>): string {
  const data = Object.keys(params)
    .sort()
    .reduce((acc, key) => {
      const values = Array.isArray(params[key])
        ? [...new Set(params[key] as string[])].sort()
        : [params[key] as string];
      return acc + values.map((v) => key + v).join('');
    }, url);
  return createHmac('sha1', token).update(data).digest('base64');
}

export interface SentSms {
  to: string;
  body: string;
  from: string | null;
  statusCallback: string | null;
}
export interface SentEmail {
  body: any;
  auth: string | null;
}

export interface Harness {
  rt: Runtime;
  app: ReturnType<typeof createApp>;
  tenant: Tenant;
  /** The tenant's REST API key (`Authorization: Bearer …`). */
  apiKey: string;
  sms: SentSms[];
  emails: SentEmail[];
  /** A form POST signed for PUBLIC_BASE_URL + path. */
  twilioPost(path: string, params: Record<string, string>, options?: { signature?: string }): Promise<Response>;
  text(from: string, body: string, sid?: string): Promise<Response>;
  /** Runs queued jobs of these queues through their real handlers until none are due (drainJobs). */
  drain(...queues: QueueName[]): Promise<void>;
}

let sidCounter = 0;
export const nextSid = (prefix = 'SM') => `${prefix}${String(++sidCounter).padStart(32, '0')}`;

export async function createHarness(
  options: { clock?: Clock; env?: Record<string, string>; settings?: Record<string, unknown> } = {},
): Promise<Harness> {
  const rt = await createTestRuntime({
    clock: options.clock,
    env: {
      PUBLIC_BASE_URL,
      TWILIO_ACCOUNT_SID: ACCOUNT_SID,
      TWILIO_AUTH_TOKEN: AUTH_TOKEN,
      TWILIO_FROM_NUMBER: TEAM_NUMBER,
      TWILIO_API_URL: TWILIO_API,
      SENDGRID_API_KEY: 'SG.test-key',
      SENDGRID_FROM: 'alerts@hillcountry.test',
      SENDGRID_API_URL: SENDGRID_API,
      ...options.env,
    },
  });
  const { tenant, apiKey } = await createTenant(rt.db, {
    name: 'Hill Country Homes',
    twilioNumber: TEAM_NUMBER,
    timezone: 'America/Chicago',
    settings: {
      helpText: 'Hill Country Homes, 512-555-0100, help@hillcountry.test',
      email: { postalAddress: '100 Congress Ave, Austin, TX 78701' },
      ...options.settings,
    },
  });
  const sms: SentSms[] = [];
  const emails: SentEmail[] = [];
  let n = 0;
  server.use(
    http.post(`${TWILIO_API}/2010-04-01/Accounts/:sid/Messages.json`, async ({ request }) => {
      const form = new URLSearchParams(await request.text());
      sms.push({
        to: form.get('To')!,
        body: form.get('Body')!,
        from: form.get('From'),
        statusCallback: form.get('StatusCallback'),
      });
      const sid = `SM${String(++n).padStart(32, 'f')}`;
      return HttpResponse.json(
        {
          sid,
          status: 'queued',
          to: form.get('To'),
          from: form.get('From'),
          body: form.get('Body'),
          account_sid: ACCOUNT_SID,
        },
        { status: 201 },
      );
    }),
    http.post(`${SENDGRID_API}/v3/mail/send`, async ({ request }) => {
      emails.push({ body: await request.json(), auth: request.headers.get('authorization') });
      return new HttpResponse(null, { status: 202, headers: { 'X-Message-Id': `sg-${emails.length}` } });
    }),
  );
  const app = createApp(rt);
  const harness: Harness = {
    rt,
    app,
    tenant,
    apiKey,
    sms,
    emails,
    async twilioPost(path, params, opts = {}) {
      const signature = opts.signature ?? twilioSignature(AUTH_TOKEN, `${PUBLIC_BASE_URL}${path}`, params);
      return app.request(path, {
        method: 'POST',
        body: new URLSearchParams(params).toString(),
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': signature },
      });
    },
    async text(from, body, sid = nextSid()) {
      return harness.twilioPost('/webhooks/twilio/sms', {
        AccountSid: ACCOUNT_SID,
        MessageSid: sid,
        SmsSid: sid,
        From: from,
        To: TEAM_NUMBER,
        Body: body,
        NumMedia: '0',
      });
    },
    async drain(...queues) {
      await drainJobs(rt, queues);
    },
  };
  return harness;
}
